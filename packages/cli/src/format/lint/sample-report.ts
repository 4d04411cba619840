import { lintPolicy, RULES } from '@oversight/lint';
import type { LintReport } from './lint-formatter.js';

const POLICY = `apiVersion: oversight/v1
kind: RoutingPolicy
metadata:
  name: sample
  version: 1
  owner: team
  reviewBy: 2026-01-31
spec:
  default: deny
  onError: deny
  facts:
    amount: { type: number, minimum: 0 }
    irreversible: { type: boolean }
  packet:
    impact: [amount]
  rules:
    - id: big
      when: { fact: amount, operator: greaterThan, value: 100 }
      route: approve_before
`;

/** A report with one clean file and one with an error and a warning, for the formatter tests. */
export function sampleReport(): LintReport {
  const now = new Date('2026-10-03T12:00:00Z');
  const clean = lintPolicy(POLICY.replace('  reviewBy: 2026-01-31\n', '').replace('route: approve_before', 'route: deny'), 'policies/clean.yaml', { now });
  const findings = lintPolicy(POLICY, 'policies/with, problems: 100%.yaml', { now });
  return { results: [clean, findings], rules: RULES, version: '0.1.0' };
}
