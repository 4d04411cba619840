// Lints our own TypeScript, with typescript-eslint's type-checked rules on the
// packages' sources: a floating promise or a promise passed where a callback's
// result is ignored is how the review loop's asynchronous code would lose an
// error or let an action run before a person answers; `any` leaking out of
// JSON.parse is how a test stops checking what it reads.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TYPED_SOURCES = ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts', 'packages/*/scripts/**/*.ts'];

export default tseslint.config(
  // The release check's service compiles outside the repository against the packed
  // packages (tsc, strict, in .ci/run); here their types are not built yet.
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/.doc-examples/**', 'packages/cli/scripts/release-check/service/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: TYPED_SOURCES })),
  {
    files: TYPED_SOURCES,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
);
