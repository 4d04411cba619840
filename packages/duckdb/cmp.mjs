import { readFileSync, createReadStream } from 'node:fs';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { simulate } from '@oversight/simulator';
import { simulateOnDuckDb } from './dist/index.js';
const POLICY = '../../policies/support-refunds.yaml';
const plan = compilePolicy(loadPolicy(readFileSync(POLICY, 'utf8'), POLICY).policy);
const options = { baseline: { label: 'main', plan }, candidates: [{ label: 'autoRefundMax=100', plan, thresholds: { autoRefundMax: 100 } }] };
const [jsonl, parquet, mode] = process.argv.slice(2);
let t = performance.now();
const d = await simulateOnDuckDb([{ name: 'h', path: parquet }], options);
console.log('duckdb parquet', (performance.now() - t) / 1000, process.resourceUsage().maxRSS / 1024);
if (mode === 'both') {
  t = performance.now();
  const s = await simulate([{ name: 'h', chunks: createReadStream(jsonl, { encoding: 'utf8', highWaterMark: 1 << 20 }) }], options);
  console.log('stream', (performance.now() - t) / 1000);
  const a = JSON.stringify(s, null, 1), b = JSON.stringify(d, null, 1);
  console.log('equal', a === b);
  if (a !== b) { const al = a.split('\n'), bl = b.split('\n'); for (let i = 0; i < al.length; i++) if (al[i] !== bl[i]) { console.log(i, al.slice(i-3, i+3).join('\n'), '\n---\n', bl.slice(i-3, i+3).join('\n')); break; } }
}
