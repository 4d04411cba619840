import { readPath } from '../compile/read-path.js';
import type { CompiledPolicy } from '../compile/plan.js';
import type { Decision, ReviewPacket } from '../types.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;

/**
 * What a reviewer needs to decide from the packet alone: the action, why it
 * came to them, and the facts the policy names as context and impact.
 */
export function buildPacket(plan: CompiledPolicy, action: Record<string, unknown>, decision: Omit<Decision, 'packet'>, why: string[]): ReviewPacket {
  const pick = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, action[name] ?? null]));
  const template = plan.packet.summary;
  const summary =
    template === undefined
      ? `${plan.name}: ${decision.route}${decision.matched[0] ? ` (${decision.matched[0].id})` : ''}`
      : template.replace(PLACEHOLDER, (_, name: string, path: string) => {
          const value = path ? readPath(action[name], path.slice(1).split('.')) : action[name];
          if (value == null) return '(missing)';
          return typeof value === 'string' ? value : JSON.stringify(value);
        });
  return {
    summary,
    action,
    why,
    context: pick(plan.packet.context),
    impact: pick(plan.packet.impact),
    choices: [...plan.packet.choices],
  };
}

/** The declared facts of an input, for the packet: undeclared keys never reach a reviewer's screen. */
export function declaredFacts(plan: CompiledPolicy, facts: unknown): Record<string, unknown> {
  const action: Record<string, unknown> = {};
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) return action;
  for (const fact of plan.facts) {
    if (Object.hasOwn(facts, fact.name)) action[fact.name] = (facts as Record<string, unknown>)[fact.name];
  }
  return action;
}
