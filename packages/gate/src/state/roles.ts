import { parseDuration, type Policy } from '@oversight/core';

/** A role and every role above it through escalateTo: who may answer for it. The loader refuses cycles. */
export function roleChain(policy: Policy | undefined, role: string | undefined): string[] {
  const chain: string[] = [];
  for (let current = role; current !== undefined && !chain.includes(current); current = policy?.spec.reviewers?.[current]?.escalateTo) chain.push(current);
  return chain;
}

/** The deadline `now` plus the role's SLA; undefined for an unknown role (no deadline is invented). */
export function deadlineFor(policy: Policy | undefined, role: string, now: Date): string | undefined {
  const sla = policy?.spec.reviewers?.[role]?.sla;
  const seconds = sla === undefined ? undefined : parseDuration(sla);
  return seconds === undefined ? undefined : new Date(now.getTime() + seconds * 1000).toISOString();
}

export function warnBeforeSeconds(policy: Policy | undefined, role: string | undefined): number | undefined {
  const text = role === undefined ? undefined : policy?.spec.reviewers?.[role]?.warnBefore;
  return text === undefined ? undefined : parseDuration(text);
}
