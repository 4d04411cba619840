import { compilePolicy } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { cellsOf, diffPolicies, inBox, provePolicy } from '../src/index.js';
import { policyFrom } from './policy-text.js';

const notes = (route: string) =>
  policyFrom(
    'notes',
    `  facts:
    note: { type: string, anyOf: [{ minLength: 3 }, { pattern: "^x" }] }
    amount: { type: number, minimum: 0 }
  rules:
    - id: short-note
      when: { fact: note, operator: equal, value: ab }
      route: deny
    - id: small
      when: { fact: amount, operator: lessThan, value: 10 }
      route: ${route}
`,
  );

describe('what the analysis cannot cut exactly', () => {
  it('is reported as unknown, naming the keyword, never decided', () => {
    const diff = diffPolicies(compilePolicy(notes('review_after')), compilePolicy(notes('auto')));
    expect(diff.equivalent).toBe(false);
    expect(diff.unknown.length).toBeGreaterThan(0);
    expect(diff.unknown.map((region) => region.where.join(', ')).join('\n')).toContain("schema keyword 'anyOf' is not analysed");
    // Inputs whose note the cut did reach are still decided exactly.
    // Inputs whose note the cut did reach are still decided exactly (an absent note leaves short-note undecided: onError for both).
    expect(diff.changed.map((region) => `${region.where.join(', ')}: ${region.from} → ${region.to}`)).toEqual(['note a string not named in the policy, amount in [0, 10): review_after → auto']);
  });

  it('places every value somewhere: in a cell it reached, or in the unknown rest', () => {
    const diff = diffPolicies(compilePolicy(notes('review_after')), compilePolicy(notes('auto')));
    for (const note of ['ab', 'xyz', 'x', 'q', '', 7]) {
      const cells = cellsOf(diff.space, { note, amount: 5 });
      expect(cells).not.toContain(-1);
      expect([...diff.changed, ...diff.unknown].filter((region) => inBox(region.box, cells)).length).toBeLessThanOrEqual(1);
    }
  });

  it('leaves a claim undecided where its condition reads values it did not reach, and fails it only where it decided', () => {
    const [result] = provePolicy(compilePolicy(notes('review_after')), [{ name: 'short notes are denied', kind: 'route', when: { fact: 'note', operator: 'notEqual', value: 'ab' }, is: ['deny'] }]);
    expect(result!.holds).toBe(false);
    expect(result!.unknown.map((region) => region.where.join(', ')).join('\n')).toContain("schema keyword 'anyOf' is not analysed");
    for (const failure of result!.failures) expect(failure.where.join(', ')).not.toContain('not analysed');
  });
});
