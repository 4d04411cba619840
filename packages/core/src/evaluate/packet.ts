import { readPath } from '../compile/read-path.js';
import type { CompiledPlan } from '../compile/plan.js';
import type { Decision, ReviewPacket } from '../types.js';

/**
 * What a reviewer needs to decide from the packet alone: the action, why it
 * came to them, and the facts the policy names as context and impact.
 */
export function buildPacket(plan: CompiledPlan, action: Record<string, unknown>, decision: Pick<Decision, 'route' | 'matched'>, why: string[]): ReviewPacket {
  return {
    summary: summarize(plan, action, decision),
    action,
    why,
    // Absent facts show as null: the reviewer sees that the policy wanted them.
    context: plan.packet.builders.context(action),
    impact: plan.packet.builders.impact(action),
    choices: plan.packet.choices.slice(),
  };
}

function summarize(plan: CompiledPlan, action: Record<string, unknown>, decision: Pick<Decision, 'route' | 'matched'>): string {
  const parts = plan.packet.summary;
  if (parts === undefined) return `${plan.name}: ${decision.route}${decision.matched[0] ? ` (${decision.matched[0].id})` : ''}`;
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = part.path.length ? readPath(action[part.fact], part.path) : action[part.fact];
    text += value == null ? '(missing)' : typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  }
  return text;
}

/** The declared facts of an unchecked input, for the packet: undeclared keys never reach a reviewer's screen. */
export function declaredFacts(plan: CompiledPlan, facts: unknown): Record<string, unknown> {
  const action: Record<string, unknown> = {};
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) return action;
  for (const fact of plan.facts) {
    if (Object.hasOwn(facts, fact.name)) action[fact.name] = (facts as Record<string, unknown>)[fact.name];
  }
  return action;
}
