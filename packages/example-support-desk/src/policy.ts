// The policy the desk enforces: by default the shipped support-refunds policy,
// read and compiled once at start (a changed file takes a restart).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compilePolicy, loadPolicy, type CompiledPolicy } from '@oversight/core';

export const SHIPPED_POLICY_PATH = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));

export async function loadPolicyFile(path: string = SHIPPED_POLICY_PATH): Promise<CompiledPolicy> {
  const loaded = loadPolicy(await readFile(path, 'utf8'), path);
  if (!loaded.ok) throw new Error(`${path} is not a policy the desk can enforce:\n${loaded.diagnostics.map((d) => `  ${d.ruleId}: ${d.message}`).join('\n')}`);
  return compilePolicy(loaded.policy);
}

/** The reviewer roles the policy declares: those a person may sign in as. */
export function reviewerRoles(compiled: CompiledPolicy): string[] {
  return Object.keys(compiled.policy.spec.reviewers ?? {});
}
