// The generated support-refunds history a benchmark replays: made once, with a
// fixed seed, into the temp dir, and reused by every run after.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GENERATOR = join(ROOT, 'packages/simulator/scripts/generate-history.ts');
// A file made by an older generator is not reused: the name carries the generator's hash.
const GENERATOR_HASH = createHash('sha256')
  .update(readFileSync(GENERATOR))
  .update(readFileSync(join(ROOT, 'packages/simulator/scripts/history-models.ts')))
  .digest('hex')
  .slice(0, 12);

/** The path of a history of `records` records, generated first if it is not there yet. */
export function benchHistory(records) {
  const dir = join(os.tmpdir(), 'oversight-bench');
  const file = join(dir, `support-refunds.${records}.${GENERATOR_HASH}.history.jsonl`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`generating ${records.toLocaleString('en-US')} records into ${file} ...\n`);
    // The generator holds the history in memory before writing it: 10 million records need more than Node's default heap.
    execFileSync(process.execPath, ['--max-old-space-size=16384', '--conditions=@oversight/source', '--import', 'tsx', GENERATOR, '--policy', 'support-refunds', '--count', String(records), '--out', dir, '--seed', '7'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('mv', [join(dir, 'support-refunds.history.jsonl'), file]);
  }
  return file;
}
