import { loadPolicy, type Policy } from '@oversight/core';

/**
 * A policy from the YAML of its spec's facts and rules (indented as under
 * `spec:`), with an approve_before default and an escalate onError, loaded
 * as a file would be: a fixture the loader refuses fails the test that wrote it.
 */
export function policyFrom(name: string, spec: string): Policy {
  const text = `apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: ${name}, version: 1, owner: ops }
spec:
  default: approve_before
  onError: escalate
${spec}`;
  const loaded = loadPolicy(text, `${name}.yaml`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.policy;
}
