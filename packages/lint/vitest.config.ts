import { defineConfig } from 'vitest/config';

// Tests run against @oversight/core's TypeScript source (its `@oversight/source`
// export), so they need no build. Node tests resolve through the SSR
// environment, which has its own conditions list.
export default defineConfig({
  resolve: { conditions: ['@oversight/source'] },
  ssr: { resolve: { conditions: ['@oversight/source', 'module', 'node'] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
