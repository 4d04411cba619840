import { FALSE, TRUE, UNKNOWN, planOf, type CompiledPlan, type CompiledPolicy, type ConditionNode, type Tri } from '../compile/plan.js';
import { readPath } from '../compile/read-path.js';
import type { Decision, DecisionError } from '../types.js';
import { compare, leafExpected } from './conditions.js';
import { decideRoute, decidingRule, newRouteOutcome, runsFirstUnexempt } from './decide-route.js';
import { buildDecision, errorDecision, invalidFactError, thresholdValuesFor, type EvaluateOptions } from './evaluate.js';

/** Fetches one fact when a condition first needs it; the signal aborts on timeout. */
export type FactProvider = (signal: AbortSignal) => unknown;
export type FactProviders = Readonly<Record<string, FactProvider>>;

export interface AsyncEvaluateOptions extends EvaluateOptions {
  /** Facts already at hand; providers are asked only for the rest. */
  facts?: Readonly<Record<string, unknown>>;
  /** How long one provider may take, in milliseconds. Default 1000. */
  timeoutMs?: number;
}

class ProviderFailure extends Error {
  constructor(readonly error: DecisionError) {
    super(error.message);
  }
}

/**
 * Like `evaluate`, for facts that are expensive to get: each fact is fetched
 * only when a condition needs it (conditions stop at the first decisive
 * child, and rules that cannot change the route are skipped), each provider
 * under a timeout. A provider that throws or times out fails closed to
 * onError with the fact and the cause named.
 */
export async function evaluateAsync(compiled: CompiledPolicy, providers: FactProviders, options: AsyncEvaluateOptions = {}): Promise<Decision> {
  const plan = planOf(compiled);
  const timeoutMs = options.timeoutMs ?? 1000;
  const given = options.facts ?? {};
  for (const name of [...Object.keys(given), ...Object.keys(providers)]) {
    if (!plan.factIndex.has(name)) {
      return errorDecision(plan, { code: 'undeclared-fact', message: `fact '${name}' is not declared by policy ${plan.name}`, fact: name }, options, given);
    }
  }

  const values: unknown[] = new Array(plan.facts.length);
  const pending = new Map<number, Promise<unknown>>();
  const fetchFact = (index: number): Promise<unknown> => {
    let promise = pending.get(index);
    if (!promise) {
      promise = resolveFact(plan, index, given, providers, timeoutMs).then((value) => (values[index] = value));
      pending.set(index, promise);
    }
    return promise;
  };

  try {
    for (const name of Object.keys(given)) await fetchFact(plan.factIndex.get(name)!);
    const states = await decideRules(plan, fetchFact, options);
    // The gate needs the fact only where the strategy's route (step 3, before any
    // fail-closed step) would run the action first and no exemption covers it.
    const deciding = decidingRule(plan, states);
    if (runsFirstUnexempt(plan, states, deciding, deciding >= 0 ? plan.rules[deciding]!.rank : plan.defaultRank)) await fetchFact(plan.irreversibleFact);
    const outcome = decideRoute(plan, states, plan.irreversibleFact >= 0 ? values[plan.irreversibleFact] : undefined, newRouteOutcome());
    return buildDecision(plan, values, states, thresholdValuesFor(plan, options.thresholds), outcome, options);
  } catch (failure) {
    if (failure instanceof ProviderFailure) return errorDecision(plan, failure.error, options, given);
    throw failure;
  }
}

// Rules in an order that lets the stricter ones settle the route first, skipping what cannot matter.
async function decideRules(plan: CompiledPlan, fetchFact: (index: number) => Promise<unknown>, options: AsyncEvaluateOptions): Promise<Uint8Array> {
  const thresholds = thresholdValuesFor(plan, options.thresholds);
  const states = new Uint8Array(plan.rules.length);
  const firstMatch = plan.strategy === 'first-match';
  const order = plan.rules.map((_, i) => i);
  if (!firstMatch) order.sort((a, b) => plan.rules[b]!.rank - plan.rules[a]!.rank || a - b);
  let best = -1;
  for (const i of order) {
    const rule = plan.rules[i]!;
    if (!firstMatch && rule.rank < best) break;
    states[i] = await evaluateConditionAsync(rule.when, fetchFact, thresholds);
    if (states[i] === TRUE) {
      if (firstMatch) break;
      best = Math.max(best, rule.rank);
    }
  }
  return states;
}

/** evaluateCondition with facts fetched on demand; same Kleene logic, same short-circuits. */
async function evaluateConditionAsync(node: ConditionNode, fetchFact: (index: number) => Promise<unknown>, thresholds: ArrayLike<number>): Promise<Tri> {
  switch (node.kind) {
    case 'leaf': {
      const fact = await fetchFact(node.fact);
      const actual = node.path === undefined || fact == null ? fact : readPath(fact, node.path);
      if (actual == null) return UNKNOWN;
      return compare(node, actual, leafExpected(node, thresholds)) ? TRUE : FALSE;
    }
    case 'not': {
      const state = await evaluateConditionAsync(node.child, fetchFact, thresholds);
      return state === UNKNOWN ? UNKNOWN : state === TRUE ? FALSE : TRUE;
    }
    default: {
      const decisive = node.kind === 'all' ? FALSE : TRUE;
      let result: Tri = node.kind === 'all' ? TRUE : FALSE;
      for (const child of node.children) {
        const state = await evaluateConditionAsync(child, fetchFact, thresholds);
        if (state === decisive) return decisive;
        if (state === UNKNOWN) result = UNKNOWN;
      }
      return result;
    }
  }
}

async function resolveFact(plan: CompiledPlan, index: number, given: Readonly<Record<string, unknown>>, providers: FactProviders, timeoutMs: number): Promise<unknown> {
  const fact = plan.facts[index]!;
  let value: unknown;
  if (Object.hasOwn(given, fact.name)) {
    value = given[fact.name];
  } else if (Object.hasOwn(providers, fact.name)) {
    value = await callProvider(fact.name, providers[fact.name]!, timeoutMs);
  }
  if (value != null && !fact.validate(value)) throw new ProviderFailure(invalidFactError(fact, value));
  return value ?? undefined;
}

async function callProvider(name: string, provider: FactProvider, timeoutMs: number): Promise<unknown> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProviderFailure({ code: 'provider-timeout', message: `the provider for fact '${name}' did not answer within ${timeoutMs} ms`, fact: name }));
    }, timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => provider(controller.signal)), timeout]);
  } catch (cause) {
    if (cause instanceof ProviderFailure) throw cause;
    throw new ProviderFailure({ code: 'provider-error', message: `the provider for fact '${name}' failed: ${(cause as Error)?.message ?? String(cause)}`, fact: name });
  } finally {
    clearTimeout(timer);
  }
}
