import { readFileSync } from 'node:fs';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { sweepOnDuckDb } from './dist/index.js';
const POLICY = '../../policies/support-refunds.yaml';
const plan = compilePolicy(loadPolicy(readFileSync(POLICY, 'utf8'), POLICY).policy);
const POINTS = Array.from({ length: 50 }, (_, i) => ({ autoRefundMax: i * 4 }));
const t = performance.now();
await sweepOnDuckDb([{ name: 'h', path: process.argv[2] }], { label: 'main', plan, vary: [{ name: 'autoRefundMax', from: 0, to: 196, step: 4 }], points: POINTS });
console.log('sweep', (performance.now() - t) / 1000, process.resourceUsage().maxRSS / 1024);
