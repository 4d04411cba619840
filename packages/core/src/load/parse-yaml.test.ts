import { describe, expect, it } from 'vitest';
import { loadPolicy } from './load-policy.js';
import { MAX_YAML_DEPTH } from './parse-yaml.js';

// Hostile YAML must end in a diagnostic, in time linear in its size, never in a
// hang or a crash. None of these asserts a time: a quadratic or crashing parse
// shows as a test that does not finish, or a process that aborts.

const HEADER = 'apiVersion: oversight/v1\nkind: RoutingPolicy\nmetadata: { name: hostile, version: 1, owner: security }\n';
const only = (text: string) => {
  const loaded = loadPolicy(text, 'hostile.yaml');
  if (loaded.ok) throw new Error('expected the policy to be refused');
  expect(loaded.diagnostics).toHaveLength(1);
  return loaded.diagnostics[0]!;
};

describe('parsing hostile YAML', () => {
  it('names a key repeated in one mapping, on the repeated key', () => {
    const text = `${HEADER}spec:\n  facts:\n    amount: { type: number }\n    amount: { type: string }\n  rules: []\n`;
    expect(only(text)).toMatchObject({
      ruleId: 'yaml-syntax',
      message: "YAML: Map keys must be unique: 'amount' is repeated in this mapping",
      range: { start: { line: 7, column: 5 }, end: { line: 7, column: 11 } },
    });
  });

  it('refuses a flat mapping of 300,000 keys (4.4 MB) after a linear parse, naming the limit', () => {
    const text = `${HEADER}spec:\n  facts:\n${Array.from({ length: 300_000 }, (_, i) => `    f${i}: 1\n`).join('')}  rules: []\n`;
    expect(text.length).toBeLessThan(5 * 1024 * 1024);
    const diagnostic = only(text);
    expect(diagnostic.ruleId).toBe('policy-too-large');
    expect(diagnostic.message).toBe('spec.facts: a mapping of 300000 keys; a mapping may hold at most 1000');
    expect(diagnostic.range.start).toEqual({ line: 5, column: 3 });
  });

  it('finds a repeated key among 300,000 in linear time', () => {
    const keys = Array.from({ length: 300_000 }, (_, i) => `    f${i}: 1\n`);
    keys.push('    f17: 2\n');
    expect(only(`${HEADER}spec:\n  facts:\n${keys.join('')}`).message).toBe("YAML: Map keys must be unique: 'f17' is repeated in this mapping");
  });

  it.each([
    ['flow lists', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['flow mappings', (n: number) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`],
  ])(`refuses %s nested more than ${MAX_YAML_DEPTH} levels before the parser sees them (a million levels would abort the process)`, (_, nest) => {
    const diagnostic = only(`${HEADER}spec: ${nest(1_000_000)}\n`);
    expect(diagnostic.ruleId).toBe('yaml-syntax');
    expect(diagnostic.message).toBe(`YAML: collections nest more than ${MAX_YAML_DEPTH} levels deep here; a policy may nest at most ${MAX_YAML_DEPTH}`);
    expect(diagnostic.range.start.line).toBe(4);
  });

  it('counts brackets inside quoted strings as text, not nesting', () => {
    const text = `${HEADER}spec:\n  facts:\n    note: { type: string, description: "${'['.repeat(500)}" }\n  rules: []\n`;
    const loaded = loadPolicy(text, 'brackets.yaml');
    expect(loaded.ok ? [] : loaded.diagnostics.map((d) => d.ruleId)).not.toContain('yaml-syntax');
  });

  it('refuses block mappings nested past the limit with the limit named, not a stack overflow', () => {
    let text = `${HEADER}spec:\n`;
    for (let i = 1; i <= 2000; i++) text += `${' '.repeat(2 * i)}a:\n`;
    text += `${' '.repeat(4002)}b: 1\n`;
    const diagnostic = only(text);
    expect(diagnostic.message).toMatch(new RegExp(`^YAML: collections nest too deep; a policy may nest at most ${MAX_YAML_DEPTH} levels|nested \\d+ levels deep; a policy may nest at most ${MAX_YAML_DEPTH}$`));
  });

  it('refuses a policy of more than 1,000 rules, and a list of more than 10,000 items, naming each limit', () => {
    const rules = Array.from({ length: 1001 }, (_, i) => `    - { id: r${i}, when: { fact: amount, operator: greaterThan, value: ${i} }, route: deny }\n`).join('');
    expect(only(`${HEADER}spec:\n  facts: { amount: { type: number } }\n  rules:\n${rules}`).message).toBe(
      'spec.rules: 1001 rules; a policy may hold at most 1000. Split it into policies per action type',
    );
    const values = Array.from({ length: 10_001 }, (_, i) => `v${i}`).join(', ');
    expect(only(`${HEADER}spec:\n  facts: { kind: { type: string, enum: [${values}] } }\n  rules: []\n`).message).toBe(
      'spec.facts.kind.enum: a list of 10001 items; a list may hold at most 10000',
    );
  });
});

describe('a file of another kind', () => {
  it('says a JSON Lines file is not a policy, rather than blaming its indentation', () => {
    const text = '{"actionType": "refund", "amount": 20}\n{"actionType": "store_credit", "amount": 35}\n';
    expect(only(text)).toMatchObject({
      ruleId: 'not-a-policy',
      message: 'this is JSON Lines (one JSON object a line: proposed actions or a history), not a policy; a policy is one YAML document that starts with apiVersion: oversight/v1 and kind: RoutingPolicy. Is this the right file?',
    });
  });
});
