import { describe, expect, it } from 'vitest';
import { parseCases } from './parse-cases.js';

const FILE = 'policies/refunds.cases.yaml';
const VALID = `policy: refunds.yaml
cases:
  - name: a small refund runs alone
    facts: { amount: 20 }
    decisionKey: order-1
    expect:
      route: auto
      matched: [small-refund]
      reviewer: null
`;

const messages = (text: string) => {
  const parsed = parseCases(text, FILE);
  return parsed.ok ? [] : parsed.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message} (${d.ruleId})`);
};

describe('parseCases', () => {
  it('reads the policy, each case and where its name sits', () => {
    const parsed = parseCases(VALID, FILE);
    expect(parsed).toEqual({
      ok: true,
      suite: {
        policy: 'refunds.yaml',
        policyRange: { start: { line: 1, column: 9 }, end: { line: 1, column: 21 } },
        cases: [
          {
            name: 'a small refund runs alone',
            facts: { amount: 20 },
            decisionKey: 'order-1',
            expect: { route: 'auto', matched: ['small-refund'], reviewer: null },
            range: { start: { line: 3, column: 11 }, end: { line: 3, column: 36 } },
          },
        ],
      },
    });
  });

  it('places a YAML error at its line and column, without the parser\'s own position text', () => {
    expect(messages('policy: refunds.yaml\ncases:\n  - name: a\n    facts: { amount: 20\n    expect: {}\n')).toEqual([
      '5:5 YAML: Flow map in block collection must be sufficiently indented and end with a } (yaml-syntax)',
    ]);
  });

  it('places each schema error on the value or key at fault, suggesting the field meant', () => {
    const text = VALID.replace('route: auto', 'route: automatic').replace('    facts:', '    fatcs:').replace('reviewer: null', 'reviewer: Support Lead');
    expect(messages(text)).toEqual([
      "4:5 cases[0].fatcs: unknown field 'fatcs' — did you mean 'facts'? (allowed here: name, facts, decisionKey, expect) (schema)",
      "7:14 cases[0].expect.route: 'automatic' is not one of auto, review_after, approve_before, escalate, deny (schema)",
      "9:17 cases[0].expect.reviewer: 'Support Lead' must be kebab-case: lowercase letters and digits joined by dashes, e.g. support-refunds (schema)",
    ]);
  });

  it('refuses a repeated key, so a case never tests facts other than those it shows', () => {
    expect(messages(VALID.replace('{ amount: 20 }', '{ amount: 20, amount: 2000 }'))).toEqual(["4:26 YAML: Map keys must be unique: 'amount' is repeated in this mapping (yaml-syntax)"]);
  });

  it('refuses two cases with one name: reports tell cases apart by name', () => {
    const twice = VALID + VALID.split('cases:\n')[1]!;
    expect(messages(twice)).toEqual(["10:11 case name 'a small refund runs alone' is used already on line 3: give each case its own name (cases-file)"]);
  });

  it('refuses an empty file, a binary file, an alias bomb and a file over 5 MB, each with a reason', () => {
    expect(messages('')).toEqual(['1:1 the file is empty; a cases file names its policy (policy: <file>) and lists cases (cases: [...]) (cases-file)']);
    expect(messages('policy: a\u0000')).toEqual(['1:1 the file holds binary data (a NUL byte), not YAML text. Is this the right file? (cases-file)']);
    // Nine levels of nine aliases each: 9^9 values from a few hundred bytes.
    const names = 'abcdefghi';
    const bomb = [...names].map((name, i) => `${name}: &${name} [${Array(9).fill(i === 0 ? 'x' : `*${names[i - 1]}`).join(', ')}]`).join('\n');
    expect(messages(bomb)[0]).toMatch(/^1:1 YAML: Excessive alias count .*; anchors and aliases may repeat a value, not multiply it \(yaml-syntax\)$/);
    expect(messages(`# ${'x'.repeat(6 * 1024 * 1024)}\n`)).toEqual(['1:1 the file is 6.0 MB; a cases file may be at most 5 MB. Is this the right file? (cases-file)']);
  });

  it('refuses collections nested past the limit before the YAML parser sees them', () => {
    expect(messages(`policy: a\ncases: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`)[0]).toMatch(/^2:\d+ YAML: collections nest more than 100 levels deep here/);
  });
});
