import type { Policy } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { compilePolicyToSql, type CompileSqlOptions } from '../src/index.js';
import { javaPattern } from '../src/safe-pattern.js';
import { policyWith } from './policy-fixture.js';

// What a Spark or Trino user relies on, asserted on the query text, since
// neither engine runs here (test/sql-grammar.test.ts parses the queries).
const compile = (policy: Policy, dialect: CompileSqlOptions['dialect']) => compilePolicyToSql(policy, { dialect });
const sqlOf = (policy: Policy, dialect: CompileSqlOptions['dialect']) => {
  const result = compile(policy, dialect);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n'));
  return result.sql;
};
const tags = policyWith({ tags: { type: 'array', items: { type: 'string', enum: ['vip', '5'] } } }, [
  { id: 'first', when: { fact: 'tags', path: '$[0]', operator: 'equal', value: 'vip' }, route: 'deny' },
]);

describe('spark and trino dialects', () => {
  it('refuses a list index path in spark, naming spark, and compiles it in trino and duckdb', () => {
    const result = compile(tags, 'spark');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostics).toContainEqual({ path: 'spec.rules[0].when.path', message: expect.stringMatching(/^unsupported path: .*spark/) as unknown });
      // "5" and 5 read alike as list<string>, so an enum holding "5" is refused too.
      expect(result.diagnostics).toContainEqual({ path: 'spec.facts.tags.items', message: expect.stringMatching(/^unsupported schema keyword: 'items' is compiled for spark/) as unknown });
    }
    expect(compile(tags, 'trino').ok).toBe(true);
    expect(compile(tags, 'duckdb').ok).toBe(true);
  });

  it('refuses contains with a value a list<string> cannot tell from a number in spark', () => {
    const policy = policyWith({ tags: { type: 'array', items: { type: 'string', enum: ['vip'] } } }, [{ id: 'r', when: { fact: 'tags', operator: 'contains', value: 5 }, route: 'deny' }]);
    const result = compile(policy, 'spark');
    expect(result.ok ? [] : result.diagnostics).toEqual([{ path: 'spec.rules[0].when.value', message: expect.stringMatching(/^unsupported condition value: contains 5: spark/) as unknown }]);
    expect(compile(policy, 'trino').ok).toBe(true);
  });

  it('refuses in spark and trino a fact name their JSON paths cannot hold, naming the dialect', () => {
    const policy = policyWith({ 'a b': { type: 'string' } }, [{ id: 'r', when: { fact: 'a b', operator: 'equal', value: 'x' }, route: 'deny' }]);
    for (const dialect of ['spark', 'trino'] as const) {
      const result = compile(policy, dialect);
      expect(result.ok ? [] : result.diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(new RegExp(`^unsupported text: .*${dialect}`)));
    }
    expect(compile(policy, 'duckdb').ok).toBe(true);
  });

  it('reads a JSON null fact as missing in spark: unknown unless the key is present with a non-null value', () => {
    const sql = sqlOf(policyWith({ code: { type: 'string' } }, [{ id: 'r', when: { fact: 'code', operator: 'equal', value: 'x' }, route: 'deny' }]), 'spark');
    // from_json gives NULL for a JSON null field, and json_object_keys tells an absent key.
    expect(sql).toContain(`NOT (coalesce(array_contains(json_object_keys(facts), 'code'), false) AND from_json(facts, 'struct<\`code\`: string>')['code'] IS NOT NULL)`);
  });

  it('reads a JSON null fact as missing in trino: json_format of a null or absent value', () => {
    const sql = sqlOf(policyWith({ code: { type: 'string' } }, [{ id: 'r', when: { fact: 'code', operator: 'equal', value: 'x' }, route: 'deny' }]), 'trino');
    expect(sql).toContain(`coalesce(json_format(json_extract(facts, '$.code')), 'null') = 'null'`);
  });

  it('passes every input column through by joining each distinct facts text back, a NULL one decided as JSON null', () => {
    for (const dialect of ['spark', 'trino'] as const) {
      const sql = sqlOf(policyWith({ n: { type: 'number' } }, [{ id: 'r', when: { fact: 'n', operator: 'greaterThan', value: 1 }, route: 'deny' }]), dialect);
      expect(sql.startsWith('SELECT oversight_input.*, oversight_decided.route, oversight_decided.error, oversight_decided.matched, oversight_decided.undecided')).toBe(true);
      expect(sql).toContain(`ON coalesce(oversight_input.facts, 'null') = oversight_decided.oversight_key`);
      expect(sql).not.toContain('EXCLUDE');
    }
    expect(sqlOf(tags, 'trino')).toContain(`json_parse(oversight_key) AS facts`);
  });

  it('writes a pattern for Java-flavoured engines with \\A, \\z and [0-9], and Spark literals with backslashes doubled', () => {
    expect(javaPattern('^V-\\d{5,7}$')).toBe('\\AV-[0-9]{5,7}\\z');
    expect(javaPattern('a\\$')).toBe('a\\$');
    expect(javaPattern('^(a|b)$')).toBeUndefined();
    const policy = policyWith({ id: { type: 'string', pattern: "^O'K-[0-9]{2}$" } }, [{ id: 'r', when: { fact: 'id', operator: 'equal', value: 'x' }, route: 'deny' }]);
    expect(sqlOf(policy, 'spark')).toContain(`RLIKE '\\\\AO\\'K-[0-9]{2}\\\\z'`);
    expect(sqlOf(policy, 'trino')).toContain(`regexp_like(`);
    expect(sqlOf(policy, 'trino')).toContain(`'\\AO''K-[0-9]{2}\\z')`);
  });
});
