import { compilePolicy, loadPolicy } from '@oversight/core';
import { checkCase } from '../../cases/check-case.js';
import { parseCases } from '../../cases/parse-cases.js';
import type { TestReport } from './test-formatter.js';

const POLICY = `apiVersion: oversight/v1
kind: RoutingPolicy
metadata:
  name: sample
  version: 1
  owner: team
spec:
  default: approve_before
  onError: escalate
  reviewer: lead
  facts:
    amount: { type: number, minimum: 0 }
  reviewers:
    lead: { sla: 2h }
  rules:
    - id: small
      when: { fact: amount, operator: lessThan, value: 100 }
      route: auto
`;

const CASES = `policy: sample.yaml
cases:
  - name: a small amount runs alone
    facts: { amount: 10 }
    expect: { route: auto, matched: [small], reviewer: null }
  - name: "a <large> amount & \\"more\\" runs alone"
    facts: { amount: 500 }
    expect: { route: auto, matched: [small] }
`;

/**
 * A report for the formatter tests: one cases file with a passing and a
 * failing case (its name full of XML's special characters), and one that
 * could not run, in a file whose name needs GitHub's escaping.
 */
export function sampleReport(): TestReport {
  const loaded = loadPolicy(POLICY, 'policies/sample.yaml');
  const parsed = parseCases(CASES, 'policies/sample.cases.yaml');
  if (!loaded.ok || !parsed.ok) throw new Error('the sample policy and cases must load');
  const plan = compilePolicy(loaded.policy);
  const broken = parseCases('policy: x.yaml\ncases: []\n', 'policies/with, odd: 100%.cases.yaml');
  if (broken.ok) throw new Error('the broken sample must not parse');
  return {
    files: [
      { file: 'policies/sample.cases.yaml', policy: 'policies/sample.yaml', results: parsed.suite.cases.map((testCase) => checkCase(plan, testCase)), problems: [] },
      { file: 'policies/with, odd: 100%.cases.yaml', results: [], problems: broken.diagnostics },
    ],
  };
}
