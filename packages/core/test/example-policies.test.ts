import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compilePolicy, evaluate, loadPolicy, type Route } from '../src/index.js';

// Each shipped policy has <name>.cases.yaml: facts and the decision the policy
// promises. A policy that does not do what its cases say fails CI.

interface Case {
  name: string;
  facts: unknown;
  decisionKey?: string;
  expect: { route: Route; matched: string[]; error?: string; undecided?: string[]; reviewer?: string };
}

const policiesDir = new URL('../../../policies/', import.meta.url);
const casesFiles = readdirSync(policiesDir).filter((file) => file.endsWith('.cases.yaml'));

describe('the example policies', () => {
  it('ships the four workflows a business starts with, each with at least 15 cases', () => {
    expect(casesFiles.sort()).toEqual(['back-office-forms.cases.yaml', 'internal-reporting.cases.yaml', 'sales-outreach.cases.yaml', 'support-refunds.cases.yaml']);
  });

  for (const casesFile of casesFiles) {
    const suite = parse(readFileSync(new URL(casesFile, policiesDir), 'utf8')) as { policy: string; cases: Case[] };
    const loaded = loadPolicy(readFileSync(new URL(suite.policy, policiesDir), 'utf8'), `policies/${suite.policy}`);

    describe(suite.policy, () => {
      it('loads without diagnostics', () => {
        expect(loaded.ok ? [] : loaded.diagnostics).toEqual([]);
        expect(suite.cases.length).toBeGreaterThanOrEqual(15);
      });
      if (!loaded.ok) return;
      const plan = compilePolicy(loaded.policy);

      for (const testCase of suite.cases) {
        it(testCase.name, () => {
          const decision = evaluate(plan, testCase.facts, testCase.decisionKey ? { decisionKey: testCase.decisionKey } : {});
          const want = testCase.expect;
          expect(decision.route).toBe(want.route);
          expect(decision.matched.map((rule) => rule.id).sort()).toEqual([...want.matched].sort());
          expect(decision.error?.code).toBe(want.error);
          if (want.undecided) expect(decision.undecided.map((rule) => rule.id).sort()).toEqual([...want.undecided].sort());
          // Every human decision names its owner, so a case states it; machine routes have none.
          expect(decision.reviewer).toBe(want.reviewer);
        });
      }
    });
  }
});
