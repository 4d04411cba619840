import { defineConfig } from 'vitest/config';

// Tests run against @oversight/core's TypeScript source (its `@oversight/source`
// export), so they need no build. Node tests resolve through the SSR
// environment, which has its own conditions list. No test may depend on
// finishing within a few seconds: the suite must pass on a busy two-core
// machine, so the per-test budget is wide (as in core). The gate's suites run
// twice: on a store of one process, and on a shared store as several replicas use.
export default defineConfig({
  resolve: { conditions: ['@oversight/source'] },
  ssr: { resolve: { conditions: ['@oversight/source', 'module', 'node'] } },
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'gate', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'gate on a shared store', include: ['test/gate.test.ts', 'test/gate.property.test.ts'], env: { OVERSIGHT_GATE_STORE: 'shared' } },
      },
    ],
  },
});
