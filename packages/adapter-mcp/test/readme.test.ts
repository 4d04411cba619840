// The README's TypeScript example is examples/readme-usage.ts, which tsc checks
// with the package: this keeps the two the same.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('shows exactly the code of examples/readme-usage.ts', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('../examples/readme-usage.ts', import.meta.url), 'utf8');
  const fenced = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const code = example.slice(example.indexOf('import '));
  expect(fenced).toBe(code);
});
