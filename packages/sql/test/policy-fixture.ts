import type { FactSchema, Policy, Rule } from '@oversight/core';

/** A small policy for unit tests: the facts and rules given, the rest fixed. */
export function policyWith(facts: Record<string, FactSchema>, rules: Rule[], thresholds: Record<string, number> = {}): Policy {
  return {
    apiVersion: 'oversight/v1',
    kind: 'RoutingPolicy',
    metadata: { name: 'unit', version: 1, owner: 'tests' },
    spec: {
      strategy: 'most-restrictive',
      default: 'auto',
      onError: 'escalate',
      facts,
      thresholds: Object.fromEntries(Object.entries(thresholds).map(([name, value]) => [name, { value }])),
      rules,
    },
  };
}
