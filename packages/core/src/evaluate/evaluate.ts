import { KERNEL_OK, KERNEL_UNDECLARED, TRUE, UNKNOWN, planOf, type CompiledPlan, type CompiledPolicy } from '../compile/plan.js';
import { canonicalJson } from '../policy-hash.js';
import { HUMAN_ROUTES, type Decision, type DecisionError, type MatchedRule, type UndecidedRule } from '../types.js';
import { explain, missingFacts, show } from './conditions.js';
import { decideRoute, errorReviewer, newRouteOutcome, reviewerFor, type RouteOutcome } from './decide-route.js';
import { buildPacket, declaredFacts } from './packet.js';
import { isSampled } from './sampling.js';

export interface EvaluateOptions {
  /** The caller's id for the action; QA sampling hashes it (else the canonical facts). */
  decisionKey?: string;
  /** Threshold values to use instead of the policy's, by name (the simulator varies them). */
  thresholds?: Readonly<Record<string, number>>;
  /** The clock for review deadlines; without it a decision has an SLA but no deadline. */
  now?: Date;
}

/**
 * Decides one proposed action: the route, the rules that matched and why, the
 * reviewer and SLA, QA sampling, and the review packet. Synchronous and
 * deterministic; bad or missing facts fail closed to the policy's onError.
 */
export function evaluate(compiled: CompiledPolicy, facts: unknown, options: EvaluateOptions = {}): Decision {
  const plan = planOf(compiled);
  const thresholds = thresholdValuesFor(plan, options.thresholds);
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
    return errorDecision(plan, { code: 'invalid-fact', message: `facts must be an object of fact names to values, got ${Array.isArray(facts) ? 'a list' : String(facts)}` }, options);
  }
  const { states, values, failure } = plan.scratch;
  const status = plan.kernel(facts as Record<string, unknown>, thresholds, states, values, failure);
  if (status !== KERNEL_OK) return errorDecision(plan, kernelError(plan, status, facts as Record<string, unknown>, failure, values), options, facts);
  const outcome = decideRoute(plan, states, plan.irreversibleFact >= 0 ? values[plan.irreversibleFact] : undefined, newRouteOutcome());
  return buildDecision(plan, values, states, thresholds, outcome, options);
}

/** The decision for an input that could not be evaluated: the policy's onError route, the cause named. */
export function errorDecision(compiled: CompiledPolicy, error: DecisionError, options: EvaluateOptions = {}, facts?: unknown): Decision {
  const plan = planOf(compiled);
  const decision = assemble(plan, plan.onErrorRoute, [], [], errorReviewer(plan), false, error, options);
  if (HUMAN_ROUTES.includes(decision.route)) decision.packet = buildPacket(plan, declaredFacts(plan, facts), decision, [`could not evaluate: ${error.message}`]);
  return decision;
}

/**
 * Assembles the decision a person reads from the outcome of steps 1 to 5, and
 * samples it (6). `values` are the checked facts by index, undefined where absent.
 */
export function buildDecision(
  plan: CompiledPlan,
  values: readonly unknown[],
  states: ArrayLike<number>,
  thresholds: ArrayLike<number>,
  outcome: RouteOutcome,
  options: EvaluateOptions,
): Decision {
  const rules = plan.rules;
  const matched: MatchedRule[] = [];
  const undecided: UndecidedRule[] = [];
  if (outcome.deciding >= 0) matched.push(explainRule(plan, outcome.deciding, values, thresholds));
  for (let i = 0; i < rules.length; i++) {
    if (states[i] === TRUE && i !== outcome.deciding) matched.push(explainRule(plan, i, values, thresholds));
    else if (states[i] === UNKNOWN) undecided.push({ id: rules[i]!.id, route: rules[i]!.route, missing: missingFacts(rules[i]!.when, values, thresholds) });
  }

  const route = outcome.route;
  let error: DecisionError | undefined;
  if (outcome.error === 'irreversibility-unknown') {
    const ungated = outcome.deciding >= 0 ? rules[outcome.deciding]!.route : plan.defaultRoute;
    error = {
      code: 'irreversibility-unknown',
      message: `the action would run before a person looks (${ungated}), but fact 'irreversible' is missing; an action not known to be reversible goes to ${route}`,
      fact: 'irreversible',
    };
  } else if (outcome.error === 'missing-fact') {
    const forcing = undecided.find((rule) => rule.id === rules[outcome.forcedBy]!.id)!;
    error = {
      code: 'missing-fact',
      message: `rule '${forcing.id}' (${forcing.route}) could not be decided: ${forcing.missing.join(', ')} missing; it might have applied, so the decision fails closed to ${route}`,
      fact: forcing.missing[0]!.split(/[.[]/)[0]!,
    };
  }

  const human = HUMAN_ROUTES.includes(route);
  const sampling = route === 'auto' && plan.samplingRate > 0;
  // The action is built for the packet, or as the sampling key when the caller gave none.
  const action = human || (sampling && options.decisionKey === undefined) ? plan.packet.builders.action(values) : undefined;
  const sampled = sampling && isSampled(plan.samplingSeed, options.decisionKey ?? canonicalJson(action), plan.samplingRate);
  const decision = assemble(plan, route, matched, undecided, reviewerFor(plan, states, outcome), sampled, error, options);
  if (human) decision.packet = buildPacket(plan, action!, decision, whyLines(plan, matched, outcome, error));
  return decision;
}

function explainRule(plan: CompiledPlan, index: number, values: readonly unknown[], thresholds: ArrayLike<number>): MatchedRule {
  const rule = plan.rules[index]!;
  return { id: rule.id, route: rule.route, because: explain(rule.when, true, values, thresholds, plan.thresholdNames) };
}

// The packet's `why`: the cause of an error or of the gate first, then each matched rule.
function whyLines(plan: CompiledPlan, matched: readonly MatchedRule[], outcome: RouteOutcome, error: DecisionError | undefined): string[] {
  const lines: string[] = [];
  if (error) lines.push(error.message);
  if (outcome.gated) {
    const ungated = outcome.deciding >= 0 ? plan.rules[outcome.deciding]!.route : plan.defaultRoute;
    lines.push(`irreversible action: ${ungated} would run it before a person approves; only rules with exempt: [irreversible] may do that`);
  }
  if (outcome.deciding < 0) lines.push(`no rule matched; the policy's default is ${plan.defaultRoute}`);
  for (const rule of matched) lines.push(`${rule.id} (${rule.route}): ${rule.because.join('; ')}`);
  return lines;
}

// Builds the decision once, fields in the schema's order; the caller adds the
// packet for routes a person acts on.
function assemble(
  plan: CompiledPlan,
  route: Decision['route'],
  matched: MatchedRule[],
  undecided: UndecidedRule[],
  reviewer: string | undefined,
  sampled: boolean,
  error: DecisionError | undefined,
  options: EvaluateOptions,
): Decision {
  const decision = { route, matched, undecided } as Decision;
  const role = reviewer !== undefined && HUMAN_ROUTES.includes(route) ? plan.reviewers.get(reviewer) : undefined;
  if (role) {
    decision.reviewer = reviewer;
    decision.sla = role.sla;
    decision.slaSeconds = role.slaSeconds;
    if (options.now) decision.deadline = new Date(options.now.getTime() + role.slaSeconds * 1000).toISOString();
  }
  decision.sampled = sampled;
  if (error) decision.error = error;
  decision.policy = { name: plan.name, version: plan.version, hash: plan.hash };
  if (options.thresholds !== undefined && Object.keys(options.thresholds).length > 0) decision.policy.thresholds = { ...options.thresholds };
  if (options.decisionKey !== undefined) decision.decisionKey = options.decisionKey;
  return decision;
}

// Names every undeclared key, or every invalid fact, not only the one the kernel stopped at: the error path can afford it.
function kernelError(plan: CompiledPlan, status: number, facts: Record<string, unknown>, failure: CompiledPlan['scratch']['failure'], values: unknown[]): DecisionError {
  if (status === KERNEL_UNDECLARED) {
    const keys = Object.keys(facts).filter((key) => !plan.factIndex.has(key));
    const named = keys.map((key) => `'${key}'`).join(', ');
    const what = keys.length === 1 ? `fact ${named} is` : `facts ${named} are`;
    return { code: 'undeclared-fact', message: `${what} not declared by policy ${plan.name}; declare ${keys.length === 1 ? 'it' : 'them'} under spec.facts or stop sending ${keys.length === 1 ? 'it' : 'them'}`, fact: keys[0]! };
  }
  const invalid = plan.facts.flatMap((fact) => {
    const value = Object.hasOwn(facts, fact.name) ? facts[fact.name] : undefined;
    return value != null && !fact.validate(value) ? [invalidFactError(fact, value)] : [];
  });
  // The kernel's own finding stands first, so the fact named is the one it stopped at.
  const first = invalidFactError(plan.facts[failure.fact]!, values[failure.fact]);
  const others = invalid.filter((error) => error.fact !== first.fact);
  return { code: 'invalid-fact', message: [first, ...others].map((error) => error.message).join('; '), fact: first.fact! };
}

/** The error for a fact that violates its declared schema, naming the fact, its value and the rule it breaks. */
export function invalidFactError(fact: CompiledPlan['facts'][number], value: unknown): DecisionError {
  return { code: 'invalid-fact', message: `fact '${fact.name}' is ${show(value)}: ${whyInvalid(fact, value)}`, fact: fact.name };
}

// Runs ajv again on the failing value for its message: only on the error path.
function whyInvalid(fact: CompiledPlan['facts'][number], value: unknown): string {
  fact.validate(value);
  const error = fact.validate.errors?.[0];
  if (error === undefined && typeof value === 'number') return 'must be a finite number';
  const where = error?.instancePath ? ` at ${error.instancePath}` : '';
  const allowed = error?.keyword === 'enum' ? `: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
  return `${error?.message ?? 'is not valid'}${where}${allowed}`;
}

/** The policy's threshold values with the caller's overrides; a wrong name is a programmer error. */
export function thresholdValuesFor(compiled: CompiledPolicy, overrides: Readonly<Record<string, number>> | undefined): Float64Array {
  const plan = planOf(compiled);
  if (!overrides) return plan.thresholdValues;
  const values = Float64Array.from(plan.thresholdValues);
  for (const [name, value] of Object.entries(overrides)) {
    const index = plan.thresholdIndex.get(name);
    if (index === undefined) throw new TypeError(`policy ${plan.name} has no threshold '${name}' (it has: ${plan.thresholdNames.join(', ') || 'none'})`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`threshold '${name}' must be a finite number, got ${String(value)}`);
    values[index] = value;
  }
  return values;
}
