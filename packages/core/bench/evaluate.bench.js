// Benchmarks the decision path of @oversight/core on the support-refunds policy:
// evaluate (full decision), evaluateRoute (route only), json-rules-engine (the
// reference engine whose condition language we keep), a hand-written function,
// and two hand-written bounds: the same function with the fact checks evaluate
// makes, and the full decision built by hand.
// Runs the built package (../dist), never the TypeScript source: what users run.
//
//   pnpm --filter @oversight/core build && node --expose-gc bench/evaluate.bench.js
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { Engine } from 'json-rules-engine';
import { ROUTES, compilePolicy, evaluate, evaluateRoute, loadPolicy } from '../dist/index.js';

const POLICY_FILE = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const SEED = 0x5eed;
const SET_COUNT = 10_000;
// Sub-microsecond calls are below the timer's resolution and cost: time 100 at once.
const BATCH = 100;
const ROUNDS = 5;
// Each round repeats passes over the fact sets until it has run this long, so fast
// candidates get as many samples as slow ones get time.
const MIN_ROUND_NS = 250e6;
const WARMUP_NS = 500e6;
const TARGETS = { evaluateVsJre: 100, handWrittenVsRoute: 3 };

// ---- the policy -------------------------------------------------------------

const loaded = loadPolicy(readFileSync(POLICY_FILE, 'utf8'), POLICY_FILE);
if (!loaded.ok) throw new Error(`cannot load ${POLICY_FILE}:\n${loaded.diagnostics.map((d) => `  ${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n')}`);
const policy = loaded.policy;
const plan = compilePolicy(policy);
const spec = policy.spec;

// ---- the fact sets: seeded, so every run times the same inputs ---------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(SEED);
const pick = (items) => items[Math.floor(random() * items.length)];
const between = (low, high) => Math.round((low + random() * (high - low)) * 100) / 100;

// Mostly small, confident refunds (the usual queue), plus every threshold's edge.
function drawAmount() {
  const r = random();
  if (r < 0.1) return pick([50, 50.01, 499.99, 500, 2500, 2500.01]);
  if (r < 0.55) return between(1, 50);
  if (r < 0.8) return between(50.01, 499.99);
  if (r < 0.95) return between(500, 2500);
  return between(2500.01, 20000);
}

function drawFacts() {
  const actionType = random() < 0.7 ? 'refund' : 'store_credit';
  const r = random();
  const facts = {
    actionType,
    amount: drawAmount(),
    currency: pick(['USD', 'EUR', 'GBP', 'CAD', 'AUD']),
    orderId: `ORD-${1_000_000 + Math.floor(random() * 9_000_000)}`,
    reasonCode: pick(['damaged', 'not_received', 'wrong_item', 'late_delivery', 'quality', 'goodwill', 'other']),
    confidence: r < 0.05 ? 0.9 : r < 0.75 ? between(0.9, 1) : between(0.5, 0.89),
    recentClaims: pick([0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 7]),
    refundToOriginalMethod: random() < 0.92,
    // Money that leaves is irreversible; a few store credits are paid out as gift cards.
    irreversible: actionType === 'refund' ? random() < 0.97 : random() < 0.1,
  };
  // One set in twelve lacks a fact, as when an upstream lookup failed. Rebuilt, not
  // `delete`d: delete turns an object into a slow dictionary, unlike parsed JSON.
  if (random() >= 1 / 12) return facts;
  const missing = pick(Object.keys(facts));
  return Object.fromEntries(Object.entries(facts).filter(([name]) => name !== missing));
}

// As a service receives them: parsed from a JSON body (V8 gives parsed objects other
// shapes and number fields than literals, and the kernel is tuned for them).
const FACTS = Array.from({ length: SET_COUNT }, drawFacts).map((facts) => JSON.parse(JSON.stringify(facts)));
const KEYS = FACTS.map((_, i) => `refund-${SEED}-${i}`);
const complete = (facts) => Object.keys(spec.facts).every((name) => facts[name] !== undefined);

// ---- (c) json-rules-engine running the same rules ----------------------------

// Threshold references become their values: json-rules-engine has no thresholds.
function toEngineCondition(condition) {
  if ('all' in condition) return { all: condition.all.map(toEngineCondition) };
  if ('any' in condition) return { any: condition.any.map(toEngineCondition) };
  if ('not' in condition) return { not: toEngineCondition(condition.not) };
  const { value } = condition;
  const resolved = value !== null && typeof value === 'object' && 'threshold' in value ? spec.thresholds[value.threshold].value : value;
  return { fact: condition.fact, operator: condition.operator, value: resolved, ...(condition.path ? { path: condition.path } : {}) };
}

// The engine's root must be all/any/not: a single comparison is wrapped in `all`.
const rootCondition = (when) => ('fact' in when ? { all: [toEngineCondition(when)] } : toEngineCondition(when));
const engine = new Engine(
  spec.rules.map((rule) => ({ name: rule.id, conditions: rootCondition(rule.when), event: { type: rule.id, params: { route: rule.route } } })),
  { allowUndefinedFacts: true },
);
const rank = (route) => ROUTES.indexOf(route);
const exemptRules = new Set(spec.rules.filter((rule) => rule.exempt?.includes('irreversible')).map((rule) => rule.id));
const defaultRoute = spec.default ?? 'approve_before';
const onErrorRoute = spec.onError ?? 'approve_before';

// Most restrictive fired route, else the default. The engine knows nothing of the
// irreversible gate, so it is applied here, or (c) would answer a different policy.
function engineRoute(events, facts) {
  let route = defaultRoute;
  let deciding = -1;
  for (const event of events) {
    const r = rank(event.params.route);
    if (r > deciding) [deciding, route] = [r, event.params.route];
  }
  const onRoute = events.filter((event) => event.params.route === route);
  if ((route === 'auto' || route === 'review_after') && facts.irreversible !== false && !(onRoute.length > 0 && onRoute.every((event) => exemptRules.has(event.type)))) {
    route = facts.irreversible === true ? 'approve_before' : onErrorRoute;
  }
  return route;
}

// ---- (d) the policy written by hand from the YAML ----------------------------

// What a developer would write instead of a policy file: literals, if/else, no
// fact validation. Missing facts fail closed to onError (escalate), coarsely.
function handWrittenRoute(f) {
  const { actionType, amount, confidence, recentClaims, refundToOriginalMethod, reasonCode, irreversible } = f;
  if (actionType == null || amount == null || confidence == null || recentClaims == null || refundToOriginalMethod == null || reasonCode == null || irreversible == null) {
    return 'escalate';
  }
  if (actionType === 'refund' && refundToOriginalMethod === false) return 'deny';
  if (amount > 2500) return 'deny';
  if (recentClaims > 2) return 'escalate';
  if (amount > 50 || confidence < 0.9) return 'approve_before'; // manager-approval (>= 500) included
  // amount <= 50 and confidence >= 0.9 from here on.
  if (actionType === 'refund' && reasonCode !== 'goodwill' && reasonCode !== 'other' && refundToOriginalMethod === true) return 'auto';
  if (actionType === 'store_credit') return irreversible === false ? 'auto' : 'approve_before';
  return 'approve_before';
}

// ---- (e), (f): bounds for what the semantics cost, written by hand -------------

// (e) The same logic with the checks evaluate makes on every input: each key
// declared, each fact valid against its schema (an invalid one fails closed).
const ORDER_ID = new RegExp(spec.facts.orderId.pattern, 'u');
function checkedRoute(f) {
  for (const key in f) {
    if (!Object.prototype.hasOwnProperty.call(f, key)) continue;
    switch (key) {
      case 'actionType': case 'amount': case 'currency': case 'orderId': case 'reasonCode':
      case 'confidence': case 'recentClaims': case 'refundToOriginalMethod': case 'irreversible':
        break;
      default:
        return 'escalate';
    }
  }
  const { actionType, amount, currency, orderId, reasonCode, confidence, recentClaims, refundToOriginalMethod, irreversible } = f;
  const valid =
    (actionType == null || actionType === 'refund' || actionType === 'store_credit') &&
    (amount == null || (typeof amount === 'number' && Number.isFinite(amount) && amount > 0 && amount <= 100000)) &&
    (currency == null || currency === 'USD' || currency === 'EUR' || currency === 'GBP' || currency === 'CAD' || currency === 'AUD') &&
    (orderId == null || (typeof orderId === 'string' && ORDER_ID.test(orderId))) &&
    (reasonCode == null || ['damaged', 'not_received', 'wrong_item', 'late_delivery', 'quality', 'goodwill', 'other'].includes(reasonCode)) &&
    (confidence == null || (typeof confidence === 'number' && confidence >= 0 && confidence <= 1)) &&
    (recentClaims == null || (Number.isInteger(recentClaims) && recentClaims >= 0 && recentClaims <= 500)) &&
    (refundToOriginalMethod == null || typeof refundToOriginalMethod === 'boolean') &&
    (irreversible == null || typeof irreversible === 'boolean');
  return valid ? handWrittenRoute(f) : 'escalate';
}

// (f) The full decision evaluate returns, built by hand for this one policy: matched
// rules with their reasons, reviewer and SLA, and the packet for a person. A lower
// bound: it skips QA sampling, undecided rules and the gate's wording.
const POLICY_REF = { name: plan.name, version: plan.version, hash: plan.hash };
const T = Object.fromEntries(Object.entries(spec.thresholds).map(([name, { value }]) => [name, value]));
const q = (text) => `"${text}"`;
function handWrittenDecision(f, decisionKey) {
  const route = checkedRoute(f);
  const matched = [];
  const match = (id, ruleRoute, because) => matched.push({ id, route: ruleRoute, because });
  if (f.actionType === 'refund' && f.refundToOriginalMethod === false) match('refund-to-other-account', 'deny', [`actionType ${q(f.actionType)} = "refund"`, 'refundToOriginalMethod false = false']);
  if (f.amount > T.refundHardCap) match('above-hard-cap', 'deny', [`amount ${f.amount} > refundHardCap ${T.refundHardCap}`]);
  if (f.recentClaims > T.maxRecentClaims) match('repeat-claimant', 'escalate', [`recentClaims ${f.recentClaims} > maxRecentClaims ${T.maxRecentClaims}`]);
  if (f.amount >= T.managerApprovalMin) match('manager-approval', 'approve_before', [`amount ${f.amount} >= managerApprovalMin ${T.managerApprovalMin}`]);
  if (f.amount > T.autoRefundMax || f.confidence < T.minConfidence) {
    const because = [];
    if (f.amount > T.autoRefundMax) because.push(`amount ${f.amount} > autoRefundMax ${T.autoRefundMax}`);
    if (f.confidence < T.minConfidence) because.push(`confidence ${f.confidence} < minConfidence ${T.minConfidence}`);
    match('refund-needs-approval', 'approve_before', because);
  }
  if (route === 'auto') {
    const small = [`amount ${f.amount} <= autoRefundMax ${T.autoRefundMax}`, `confidence ${f.confidence} >= minConfidence ${T.minConfidence}`];
    if (f.actionType === 'refund') match('small-confident-refund', 'auto', [`actionType ${q(f.actionType)} = "refund"`, `reasonCode ${q(f.reasonCode)} not in ["goodwill","other"]`, ...small, 'refundToOriginalMethod true = true']);
    else match('small-store-credit', 'auto', [`actionType ${q(f.actionType)} = "store_credit"`, ...small]);
  }
  const decision = { route, matched, undecided: [], sampled: false, policy: POLICY_REF, decisionKey };
  if (route === 'auto' || route === 'deny') return decision;
  const reviewer = route === 'escalate' ? 'fraud-analyst' : f.amount >= T.managerApprovalMin ? 'support-manager' : 'support-lead';
  decision.reviewer = reviewer;
  decision.sla = spec.reviewers[reviewer].sla;
  decision.slaSeconds = reviewer === 'support-lead' ? 14_400 : 86_400;
  const action = { actionType: f.actionType, amount: f.amount, currency: f.currency, orderId: f.orderId, reasonCode: f.reasonCode, confidence: f.confidence, recentClaims: f.recentClaims, refundToOriginalMethod: f.refundToOriginalMethod, irreversible: f.irreversible };
  decision.packet = {
    summary: `${f.actionType} of ${f.amount} ${f.currency} on order ${f.orderId} (${f.reasonCode})`,
    action,
    why: matched.map((rule) => `${rule.id} (${rule.route}): ${rule.because.join('; ')}`),
    context: { orderId: f.orderId ?? null, reasonCode: f.reasonCode ?? null, recentClaims: f.recentClaims ?? null, confidence: f.confidence ?? null, refundToOriginalMethod: f.refundToOriginalMethod ?? null },
    impact: { amount: f.amount ?? null, currency: f.currency ?? null, irreversible: f.irreversible ?? null },
    choices: ['approve', 'reject', 'edit', 'escalate'],
  };
  return decision;
}

// ---- candidates: one batch of decisions each, returning a blackhole sum ------

// Each batch folds something from every result into a number the harness keeps,
// so V8 cannot drop the work as dead code. Each candidate has its own loop rather
// than one shared helper: a call site shared by all of them would be polymorphic,
// and V8 would inline none of them.
const candidates = [
  {
    id: 'evaluate',
    label: '(a) evaluate (full decision)',
    batch(facts, keys, from, to) {
      let sink = 0;
      for (let i = from; i < to; i++) {
        const decision = evaluate(plan, facts[i], { decisionKey: keys[i] });
        sink += decision.route.length + decision.matched.length + (decision.packet === undefined ? 0 : decision.packet.why.length);
      }
      return sink;
    },
  },
  {
    id: 'evaluateRoute',
    label: '(b) evaluateRoute (route only)',
    batch(facts, _keys, from, to) {
      let sink = 0;
      for (let i = from; i < to; i++) {
        const result = evaluateRoute(plan, facts[i]);
        sink += result.route.length + result.deciding;
      }
      return sink;
    },
  },
  {
    id: 'jsonRulesEngine',
    label: '(c) json-rules-engine',
    async: true,
    async batch(facts, _keys, from, to) {
      let sink = 0;
      for (let i = from; i < to; i++) {
        const { events } = await engine.run(facts[i]);
        sink += engineRoute(events, facts[i]).length;
      }
      return sink;
    },
  },
  {
    id: 'handWritten',
    label: '(d) hand-written function',
    batch(facts, _keys, from, to) {
      let sink = 0;
      for (let i = from; i < to; i++) sink += handWrittenRoute(facts[i]).length;
      return sink;
    },
  },
  {
    id: 'handWrittenChecked',
    label: '(e) hand-written, facts checked',
    batch(facts, _keys, from, to) {
      let sink = 0;
      for (let i = from; i < to; i++) sink += checkedRoute(facts[i]).length;
      return sink;
    },
  },
  {
    id: 'handWrittenDecision',
    label: '(f) hand-written full decision',
    batch(facts, keys, from, to) {
      let sink = 0;
      for (let i = from; i < to; i++) {
        const decision = handWrittenDecision(facts[i], keys[i]);
        sink += decision.route.length + decision.matched.length + (decision.packet === undefined ? 0 : decision.packet.why.length);
      }
      return sink;
    },
  },
];
const byId = Object.fromEntries(candidates.map((candidate) => [candidate.id, candidate]));

// ---- timing ------------------------------------------------------------------

let blackhole = 0;
const collect = () => globalThis.gc?.();

// The cost of reading the clock twice, which every batch pays: small against 100 decisions?
function timerOverheadNs() {
  const samples = [];
  for (let i = 0; i < 100_000; i++) {
    const start = process.hrtime.bigint();
    samples.push(Number(process.hrtime.bigint() - start));
  }
  return quantile(samples.sort((x, y) => x - y), 0.5);
}

/** Passes over the fact sets in batches until minNs has elapsed; per-decision ns of each batch. */
async function timeRound(candidate, facts, keys, minNs) {
  const samples = [];
  let decisions = 0;
  let totalNs = 0;
  while (totalNs < minNs) {
    for (let from = 0; from < facts.length; from += BATCH) {
      const to = Math.min(from + BATCH, facts.length);
      const start = process.hrtime.bigint();
      const pending = candidate.batch(facts, keys, from, to);
      // Only the async candidate awaits: a sync batch must not pay for a microtask.
      const sum = candidate.async ? await pending : pending;
      const ns = Number(process.hrtime.bigint() - start);
      blackhole += sum;
      samples.push(ns / (to - from));
      decisions += to - from;
      totalNs += ns;
    }
  }
  samples.sort((x, y) => x - y);
  return {
    decisionsPerSecond: (decisions / totalNs) * 1e9,
    medianNs: quantile(samples, 0.5),
    p99Ns: quantile(samples, 0.99),
    batches: samples.length,
    decisions,
  };
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

// The round with the median throughput, so one noisy round moves nothing.
function medianRound(rounds) {
  const sorted = [...rounds].sort((x, y) => x.decisionsPerSecond - y.decisionsPerSecond);
  return sorted[Math.floor(sorted.length / 2)];
}

// Rounds interleave the candidates, so a burst of load on the machine hits all of them.
async function measure(list, facts, keys) {
  for (const candidate of list) await timeRound(candidate, facts, keys, WARMUP_NS);
  const rounds = new Map(list.map((candidate) => [candidate.id, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const candidate of list) {
      collect(); // garbage left by the previous candidate is not this one's cost
      rounds.get(candidate.id).push(await timeRound(candidate, facts, keys, MIN_ROUND_NS));
    }
  }
  return new Map(list.map((candidate) => [candidate.id, { ...medianRound(rounds.get(candidate.id)), rounds: rounds.get(candidate.id) }]));
}

// ---- agreement: the four must give the same route where every fact is present --

const routes = { evaluate: [], evaluateRoute: [], jsonRulesEngine: [], handWritten: [], handWrittenChecked: [], handWrittenDecision: [] };
const errors = [];
for (let i = 0; i < SET_COUNT; i++) {
  const decision = evaluate(plan, FACTS[i], { decisionKey: KEYS[i] });
  routes.evaluate.push(decision.route);
  errors.push(decision.error?.code);
  routes.evaluateRoute.push(evaluateRoute(plan, FACTS[i]).route);
  routes.jsonRulesEngine.push(engineRoute((await engine.run(FACTS[i])).events, FACTS[i]));
  routes.handWritten.push(handWrittenRoute(FACTS[i]));
  routes.handWrittenChecked.push(checkedRoute(FACTS[i]));
  routes.handWrittenDecision.push(handWrittenDecision(FACTS[i], KEYS[i]).route);
}

const completeIndexes = FACTS.flatMap((facts, i) => (complete(facts) ? [i] : []));
const disagreements = [];
for (const i of completeIndexes) {
  const seen = Object.values(routes).map((list) => list[i]);
  if (seen.some((route) => route !== seen[0])) disagreements.push(i);
}
// evaluate and evaluateRoute share the kernel: they must agree on every set, complete or not.
const routeOnlyDisagreements = FACTS.flatMap((_, i) => (routes.evaluate[i] === routes.evaluateRoute[i] ? [] : [i]));

// A route, or the onError route with the reason evaluate failed closed.
const outcomeOf = (i) => (errors[i] === undefined ? routes.evaluate[i] : `${routes.evaluate[i]} (onError: ${errors[i]})`);
const coverage = {};
for (let i = 0; i < SET_COUNT; i++) coverage[outcomeOf(i)] = (coverage[outcomeOf(i)] ?? 0) + 1;

// ---- run ---------------------------------------------------------------------

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
  v8: process.versions.v8,
  platform: `${process.platform} ${process.arch}`,
  loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  gcExposed: typeof globalThis.gc === 'function',
};

console.log(`@oversight/core evaluate benchmark: policy ${plan.name} v${plan.version} (${spec.rules.length} rules)`);
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node} (V8 ${machine.v8}), ${machine.platform}, load ${machine.loadAverage.join(' ')}`);
if (!machine.gcExposed) console.log('warning: run with --expose-gc so garbage is collected between rounds; timings are noisier without it');
console.log(`inputs: ${SET_COUNT} fact sets (seed ${SEED}), ${completeIndexes.length} with every fact; batches of ${BATCH}; ${ROUNDS} rounds of >= ${MIN_ROUND_NS / 1e6} ms, median round`);
console.log('\nroutes from evaluate:');
for (const [route, count] of Object.entries(coverage).sort((x, y) => y[1] - x[1])) console.log(`  ${route.padEnd(44)} ${String(count).padStart(6)}`);

console.log(`\nagreement on ${completeIndexes.length} complete fact sets, (a) to (f): ${disagreements.length} disagreements`);
for (const i of disagreements.slice(0, 5)) {
  console.log(`  #${i} ${JSON.stringify(FACTS[i])}\n    ${Object.entries(routes).map(([id, list]) => `${id}=${list[i]}`).join(' ')}`);
}
console.log(`agreement on all ${SET_COUNT} fact sets, (a) vs (b): ${routeOnlyDisagreements.length} disagreements`);

const timerNs = timerOverheadNs();
console.log(`timer: ${timerNs} ns a batch, ${(timerNs / BATCH).toFixed(2)} ns a decision`);
const results = await measure(candidates, FACTS, KEYS);

const us = (ns) => (ns / 1000).toFixed(3);
console.log(`\n${'candidate'.padEnd(34)} ${'decisions/s'.padStart(12)} ${'median µs'.padStart(10)} ${'p99 µs'.padStart(10)}`);
for (const candidate of candidates) {
  const r = results.get(candidate.id);
  console.log(`${candidate.label.padEnd(34)} ${Math.round(r.decisionsPerSecond).toLocaleString('en-US').padStart(12)} ${us(r.medianNs).padStart(10)} ${us(r.p99Ns).padStart(10)}`);
}
console.log(`(latency is per decision: a batch of ${BATCH} timed and divided, so p99 is of batch means, not of single calls)`);

const speed = (id) => results.get(id).decisionsPerSecond;
const ratios = {
  evaluateVsJsonRulesEngine: speed('evaluate') / speed('jsonRulesEngine'),
  handWrittenVsEvaluateRoute: speed('handWritten') / speed('evaluateRoute'),
  handWrittenVsEvaluate: speed('handWritten') / speed('evaluate'),
  evaluateRouteVsEvaluate: speed('evaluateRoute') / speed('evaluate'),
  handWrittenDecisionVsJsonRulesEngine: speed('handWrittenDecision') / speed('jsonRulesEngine'),
  handWrittenDecisionVsEvaluate: speed('handWrittenDecision') / speed('evaluate'),
  handWrittenCheckedVsEvaluateRoute: speed('handWrittenChecked') / speed('evaluateRoute'),
  handWrittenVsHandWrittenChecked: speed('handWritten') / speed('handWrittenChecked'),
};
const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');
console.log('\nratios (of decisions per second):');
console.log(`  evaluate / json-rules-engine       ${ratios.evaluateVsJsonRulesEngine.toFixed(1).padStart(7)}x   target >= ${TARGETS.evaluateVsJre}x: ${verdict(ratios.evaluateVsJsonRulesEngine >= TARGETS.evaluateVsJre)}`);
console.log(`  hand-written / evaluateRoute       ${ratios.handWrittenVsEvaluateRoute.toFixed(2).padStart(7)}x   target <= ${TARGETS.handWrittenVsRoute}x: ${verdict(ratios.handWrittenVsEvaluateRoute <= TARGETS.handWrittenVsRoute)}`);
console.log(`  hand-written / evaluate            ${ratios.handWrittenVsEvaluate.toFixed(2).padStart(7)}x   (the price of reasons and packet, plus validation)`);
console.log(`  evaluateRoute / evaluate           ${ratios.evaluateRouteVsEvaluate.toFixed(2).padStart(7)}x`);
console.log('bounds (what the semantics cost even by hand):');
console.log(`  hand-written decision / json-r-e   ${ratios.handWrittenDecisionVsJsonRulesEngine.toFixed(1).padStart(7)}x   (the most an eager decision with reasons and packet reaches)`);
console.log(`  hand-written decision / evaluate   ${ratios.handWrittenDecisionVsEvaluate.toFixed(2).padStart(7)}x`);
console.log(`  hand-written / hand-written checked ${ratios.handWrittenVsHandWrittenChecked.toFixed(2).padStart(6)}x   (the price of checking facts, by hand)`);
console.log(`  hand-written checked / evaluateRoute ${ratios.handWrittenCheckedVsEvaluateRoute.toFixed(2).padStart(5)}x`);

// Where evaluate's time goes depends on the route: human routes build a packet.
const groups = new Map();
FACTS.forEach((facts, i) => {
  const key = outcomeOf(i);
  if (!groups.has(key)) groups.set(key, { facts: [], keys: [] });
  groups.get(key).facts.push(facts);
  groups.get(key).keys.push(KEYS[i]);
});
console.log('\nevaluate by route (median round):');
const byRoute = {};
for (const [key, group] of [...groups].sort((x, y) => y[1].facts.length - x[1].facts.length)) {
  const [result] = (await measure([byId.evaluate], group.facts, group.keys)).values();
  byRoute[key] = { sets: group.facts.length, decisionsPerSecond: result.decisionsPerSecond, medianNs: result.medianNs, p99Ns: result.p99Ns };
  console.log(`  ${key.padEnd(44)} ${String(group.facts.length).padStart(6)} sets ${Math.round(result.decisionsPerSecond).toLocaleString('en-US').padStart(12)}/s  median ${us(result.medianNs)} µs  p99 ${us(result.p99Ns)} µs`);
}

mkdirSync(RESULTS_DIR, { recursive: true });
const output = {
  benchmark: 'evaluate',
  date: new Date().toISOString(),
  machine,
  config: { policy: `policies/support-refunds.yaml`, policyHash: plan.hash, seed: SEED, factSets: SET_COUNT, completeFactSets: completeIndexes.length, batch: BATCH, timerNsPerBatch: timerNs, rounds: ROUNDS, minRoundMs: MIN_ROUND_NS / 1e6 },
  coverage,
  agreement: { completeFactSets: completeIndexes.length, disagreements: disagreements.length, evaluateVsEvaluateRouteAllSets: routeOnlyDisagreements.length },
  candidates: Object.fromEntries(candidates.map((candidate) => [candidate.id, { label: candidate.label, ...results.get(candidate.id) }])),
  ratios,
  targets: {
    evaluateVsJsonRulesEngine: { min: TARGETS.evaluateVsJre, met: ratios.evaluateVsJsonRulesEngine >= TARGETS.evaluateVsJre },
    handWrittenVsEvaluateRoute: { max: TARGETS.handWrittenVsRoute, met: ratios.handWrittenVsEvaluateRoute <= TARGETS.handWrittenVsRoute },
  },
  evaluateByRoute: byRoute,
  blackhole,
};
writeFileSync(`${RESULTS_DIR}evaluate.json`, JSON.stringify(output, null, 2) + '\n');
console.log(`\nwrote ${RESULTS_DIR}evaluate.json (blackhole ${blackhole})`);
if (disagreements.length > 0 || routeOnlyDisagreements.length > 0) process.exitCode = 1;
