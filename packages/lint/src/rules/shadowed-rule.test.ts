import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { shadowedRule } from './shadowed-rule.js';

const rule = (id: string, when: string, route: string) => `    - id: ${id}\n      when: ${when}\n      route: ${route}\n`;

describe('shadowed-rule', () => {
  it('reports a rule whose matches always coincide with a stricter rule\'s', () => {
    const rules =
      rule('review-large', '{ fact: amount, operator: greaterThanInclusive, value: 500 }', 'review_after') +
      rule('deny-large', '{ fact: amount, operator: greaterThan, value: 499 }', 'deny');
    const [finding] = lintWith(shadowedRule, policyText({ rules }));
    expect(finding?.message).toBe(
      "rule 'review-large' (review_after) never decides: whenever it matches, 'deny-large' also matches with a route at least as restrictive. Narrow or delete it, or make its route stricter if it should win",
    );
    expect(at(finding)).toBe(`${RULES_LINE}:11-${RULES_LINE}:23`);
  });

  it('does not report a rule that is stricter than the rule covering it', () => {
    const rules =
      rule('deny-large', '{ fact: amount, operator: greaterThanInclusive, value: 500 }', 'deny') +
      rule('review-larger', '{ fact: amount, operator: greaterThan, value: 499 }', 'review_after');
    expect(lintWith(shadowedRule, policyText({ rules }))).toEqual([]);
  });

  it('reports a rule behind an earlier rule with the same route', () => {
    const rules = rule('small', '{ fact: amount, operator: lessThan, value: 10 }', 'auto') + rule('smaller', '{ fact: amount, operator: lessThan, value: 5 }', 'auto');
    expect(lintWith(shadowedRule, policyText({ rules })).map((d) => d.message)).toEqual([
      "rule 'smaller' (auto) never decides: whenever it matches, 'small' also matches with a route at least as restrictive. Narrow or delete it, or make its route stricter if it should win",
    ]);
  });

  // Regression: the gate keeps auto or review_after only when every matched rule with that route is exempt, so
  // deleting the unexempt rule would let irreversible actions run before a person approves them.
  it('does not report an unexempt rule behind an exempt one with its route: on an irreversible action it sends the action to a person', () => {
    const exempt = '      exempt: [irreversible]\n      justification: Pennies.\n';
    for (const route of ['auto', 'review_after']) {
      const rules = rule('small', '{ fact: amount, operator: lessThan, value: 10 }', route) + exempt + rule('smaller', '{ fact: amount, operator: lessThan, value: 5 }', route);
      expect(lintWith(shadowedRule, policyText({ rules }))).toEqual([]);
    }
  });

  it('reports an unexempt rule behind an exempt one where it matches only reversible actions, or another unexempt rule vetoes too', () => {
    const exempt = '      exempt: [irreversible]\n      justification: Pennies.\n';
    const reversible =
      rule('small', '{ fact: amount, operator: lessThan, value: 10 }', 'auto') + exempt + rule('smaller', '{ all: [{ fact: amount, operator: lessThan, value: 5 }, { fact: irreversible, operator: equal, value: false }] }', 'auto');
    expect(lintWith(shadowedRule, policyText({ rules: reversible })).map((d) => d.message)).toEqual([expect.stringMatching(/^rule 'smaller' \(auto\) never decides: whenever it matches, 'small' also matches/)]);
    const vetoed =
      rule('small', '{ fact: amount, operator: lessThan, value: 10 }', 'auto') + exempt + rule('smaller', '{ fact: amount, operator: lessThan, value: 5 }', 'auto') + rule('also-small', '{ fact: amount, operator: lessThan, value: 8 }', 'auto');
    // 'also-small' still vetoes where 'smaller' does not match (5 <= amount < 8), so only 'smaller' is reported.
    expect(lintWith(shadowedRule, policyText({ rules: vetoed })).map((d) => d.message)).toEqual([expect.stringMatching(/^rule 'smaller' \(auto\) never decides/)]);
  });

  it('reports an unexempt rule behind an exempt one in a policy with no irreversible fact (there is no gate)', () => {
    const facts = '    amount: { type: number, minimum: 0, maximum: 10000 }\n    kind: { type: string, enum: [refund, credit] }\n    confident: { type: boolean }';
    const rules = rule('small', '{ fact: amount, operator: lessThan, value: 10 }', 'auto') + '      exempt: [irreversible]\n      justification: Pennies.\n' + rule('smaller', '{ fact: amount, operator: lessThan, value: 5 }', 'auto');
    expect(lintWith(shadowedRule, policyText({ facts, rules }))).toHaveLength(1);
  });

  // Regression (found by test/analysis-agrees-with-evaluator.test.ts): intersecting the rules' unions passed the bound
  // on boxes, so a provably shadowed rule went unjudged.
  it('judges a rule behind several rules on its route without passing the bound on boxes', () => {
    const facts = '    amount: { type: number, minimum: 0 }\n    score: { type: integer, minimum: 0, maximum: 10 }\n    country: { type: string }\n    irreversible: { type: boolean }';
    const rules =
      rule('local-or-low', '{ all: [{ any: [{ fact: score, operator: lessThan, value: { threshold: limit } }, { fact: country, operator: equal, value: US }] }, { fact: country, operator: notEqual, value: DE }] }', 'review_after') +
      rule('north-america-or-small', '{ any: [{ fact: country, operator: in, value: [US, CA] }, { fact: amount, operator: lessThan, value: 9 }] }', 'review_after') +
      rule('abroad', '{ fact: country, operator: notEqual, value: US }', 'review_after') +
      rule('large', '{ not: { fact: amount, operator: lessThan, value: { threshold: limit } } }', 'escalate');
    const text = policyText({ facts, thresholds: '    limit: { value: 5, min: 0, max: 10 }', rules });
    expect(lintWith(shadowedRule, text).map((d) => d.message)).toEqual([
      "rule 'abroad' (review_after) never decides: whenever it matches, 'local-or-low', 'north-america-or-small', 'large' also matches with a route at least as restrictive. Narrow or delete it, or make its route stricter if it should win",
    ]);
  });

  it('does not run under first-match', () => {
    const rules = rule('a', '{ fact: amount, operator: greaterThan, value: 5 }', 'review_after') + rule('b', '{ fact: amount, operator: greaterThan, value: 1 }', 'deny');
    expect(lintWith(shadowedRule, policyText({ strategy: 'first-match', rules }))).toEqual([]);
  });
});
