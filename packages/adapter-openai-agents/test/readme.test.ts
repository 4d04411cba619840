// The README's usage example is examples/readme-usage.ts verbatim, which
// `tsc -p tsconfig.json` type-checks (it calls a real model, so it is not run).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README', () => {
  it('shows exactly the type-checked usage example', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const fences = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(fences).toEqual([readFileSync(new URL('../examples/readme-usage.ts', import.meta.url), 'utf8')]);
  });
});
