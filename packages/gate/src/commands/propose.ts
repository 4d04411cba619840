import { errorDecision, evaluate, type CompiledPolicy, type Decision, type Policy } from '@oversight/core';
import { factsHash } from '../facts-hash.js';
import type { ProposedEvent, SettledRecord } from '../log/log-entry.js';
import type { ProposeInput, ShadowRoute } from '../types.js';

export interface ProposeContext {
  compiled: CompiledPolicy;
  /** Candidates of the same policy name, evaluated beside it and never acted on. */
  shadows: readonly CompiledPolicy[];
  id: string;
  now: Date;
  linkedTo?: string;
  editedBy?: string;
}

/**
 * Decides a proposed action and says what to log: a settled record for auto and
 * deny (nobody answers them), a `proposed` event for the routes a person answers.
 */
export function proposeEntry(context: ProposeContext, input: ProposeInput): { entry: ProposedEvent | SettledRecord; decision: Decision } {
  const { compiled, id, now } = context;
  const options = input.decisionKey === undefined ? { now } : { now, decisionKey: input.decisionKey };
  const decision = input.inputError ? errorDecision(compiled, input.inputError, options, input.facts) : evaluate(compiled, input.facts, options);
  const at = now.toISOString();
  const common = {
    decisionId: id,
    at,
    policy: { name: decision.policy.name, version: decision.policy.version, hash: decision.policy.hash },
    facts: input.facts,
    factsHash: factsHash(input.facts),
    route: decision.route,
    rules: decision.matched.map((rule) => rule.id),
  };
  const shadow = shadowRoutes(context.shadows, input);
  const extras = {
    proposer: input.proposer,
    ...(input.decisionKey !== undefined && { decisionKey: input.decisionKey }),
    ...(decision.error && { error: decision.error }),
    ...(context.linkedTo !== undefined && { linkedTo: context.linkedTo }),
    ...(context.editedBy !== undefined && { editedBy: context.editedBy }),
    ...(shadow.length > 0 && { shadow }),
  };
  if (decision.route === 'auto' || decision.route === 'deny') {
    const record: SettledRecord = { ...common, ...(decision.sampled && { audit: true }), settledAt: at, ...extras };
    return { entry: record, decision };
  }
  const event: ProposedEvent = {
    event: 'proposed',
    ...common,
    ...(decision.reviewer !== undefined && { reviewer: decision.reviewer }),
    ...(decision.deadline !== undefined && { deadline: decision.deadline }),
    approvalsRequired: approvalsRequired(compiled.policy, decision),
    sampled: decision.sampled,
    ...extras,
    ...(decision.packet && { packet: decision.packet }),
  };
  return { entry: event, decision };
}

/**
 * Distinct approvers a decision needs: the most any matched rule on its route
 * asks for, else the policy's number for the route, else one. A review after
 * the fact is one person's.
 */
export function approvalsRequired(policy: Policy, decision: Decision): number {
  const route = decision.route;
  if (route !== 'approve_before' && route !== 'escalate') return 1;
  let byRule = 0;
  for (const matched of decision.matched) {
    if (matched.route !== route) continue;
    const rule = policy.spec.rules.find((candidate) => candidate.id === matched.id);
    byRule = Math.max(byRule, rule?.approvals ?? 0);
  }
  return byRule || (policy.spec.approvals?.[route] ?? 1);
}

function shadowRoutes(shadows: readonly CompiledPolicy[], input: ProposeInput): ShadowRoute[] {
  return shadows.map((shadow) => {
    const decision = evaluate(shadow, input.facts, input.decisionKey === undefined ? {} : { decisionKey: input.decisionKey });
    return { policy: { name: shadow.name, version: shadow.version, hash: shadow.hash }, route: decision.route, rules: decision.matched.map((rule) => rule.id) };
  });
}
