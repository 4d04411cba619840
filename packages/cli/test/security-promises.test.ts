import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// docs/security.md names, for each promise, the test that proves it. A promise
// whose test was renamed or deleted would be a claim nothing checks: fail.

const ROOT = new URL('../../../', import.meta.url);
const PROOF = /^`([^`]+\.test\.ts)` › (.+)$/;

interface Claim {
  number: string;
  file: string;
  test: string;
  cases: number | undefined;
}

function promises(): Claim[] {
  const text = readFileSync(new URL('docs/security.md', ROOT), 'utf8');
  const section = text.slice(text.indexOf('## Promises'), text.indexOf('## Limits'));
  return section
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => {
      const cells = line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim());
      const proof = PROOF.exec(cells[2] ?? '');
      if (proof === null) throw new Error(`docs/security.md promise ${cells[0]}: name its proof as \`path.test.ts\` › test name`);
      return { number: cells[0]!, file: proof[1]!, test: proof[2]!, cases: cells[3] ? Number(cells[3].replace(/,/g, '')) : undefined };
    });
}

describe('docs/security.md', () => {
  const all = promises();

  it('states at least the promises of the semantics, numbered in order', () => {
    expect(all.length).toBeGreaterThanOrEqual(17);
    expect(all.map((promise) => promise.number)).toEqual(all.map((_, i) => String(i + 1)));
  });

  it.each(all.map((promise) => [promise.number, promise] as const))('promise %s names a test that exists, with the cases it runs', (_, promise) => {
    const path = new URL(promise.file, ROOT);
    expect(existsSync(path), `${promise.file} does not exist`).toBe(true);
    const source = readFileSync(path, 'utf8');
    const named = [`'${promise.test}'`, `"${promise.test}"`, `\`${promise.test}\``].some((quoted) => source.includes(`(${quoted}`));
    expect(named, `${promise.file} has no test named: ${promise.test}`).toBe(true);
    // A property's stated case count is at least 1,000 and is what the file runs.
    if (promise.cases !== undefined) {
      expect(promise.cases).toBeGreaterThanOrEqual(1000);
      expect(source).toMatch(new RegExp(`(numRuns: |RUNS = )${promise.cases.toLocaleString('en').replace(',', '_?')}\\b`));
    }
  });
});
