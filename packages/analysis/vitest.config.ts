import { defineConfig } from 'vitest/config';

// Tests run against @oversight/core's TypeScript source (its `@oversight/source`
// export), so they need no build. Node tests resolve through the SSR
// environment, which has its own conditions list. No test may depend on
// finishing within a few seconds: the suite must pass on a busy two-core
// machine, so the per-test budget is wide: the analysis's property tests
// (1,000 samples a pair of policies) take a minute on a busy machine.
export default defineConfig({
  resolve: { conditions: ['@oversight/source'] },
  ssr: { resolve: { conditions: ['@oversight/source', 'module', 'node'] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 120_000 },
});
