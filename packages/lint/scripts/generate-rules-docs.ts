// Writes docs/rules/README.md from the rules' meta; with --check, fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../src/index.js';
import { renderRulesIndex } from './rules-index.js';

const target = new URL('../../../docs/rules/README.md', import.meta.url);
const expected = renderRulesIndex(RULES);
const current = (() => {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return '';
  }
})();

if (process.argv.includes('--check')) {
  if (current !== expected) {
    console.error('docs/rules/README.md is stale: run pnpm --filter @oversight/lint docs:generate');
    process.exit(1);
  }
  console.log('docs/rules/README.md is up to date.');
} else if (current !== expected) {
  writeFileSync(target, expected);
  console.log('wrote docs/rules/README.md');
}
