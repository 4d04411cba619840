// The README's TypeScript example is examples/readme-usage.ts, which tsc checks
// with the rest of the package: the two must not drift apart.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

test("the README's usage example is the type-checked examples/readme-usage.ts", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  expect(blocks).toHaveLength(1);
  const example = readFileSync(new URL('../examples/readme-usage.ts', import.meta.url), 'utf8');
  expect(example.split('\n').slice(1).join('\n')).toBe(blocks[0]);
});
