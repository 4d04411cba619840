// Generates the sample histories of the example policies, policies/history/<name>.history.jsonl:
// seeded facts from history-models.ts, the route and rules from the policy itself
// (so a replay reproduces every route), then what reviewers did and what broke later.
// Example data for the simulator's demo and tests, not evidence about any real team.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compilePolicy, evaluate, loadPolicy, OUTCOMES, parseDuration, ROUTES, type CompiledPolicy, type Decision, type HistoryRecord, type OutcomeDecision, type Route } from '@oversight/core';
import { MODELS, type Facts, type PolicyModel } from './history-models.js';
import { chance, logNormal, mulberry32, streamSeed, type Rng } from './seeded-random.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEFAULT_SEED = 20261031;
const DEFAULT_COUNT = 20000;

// Thirty days of traffic, ending at the last second of October 2026.
const END = Date.parse('2026-10-31T23:59:59Z') / 1000;
const SPAN = 30 * 86400;
const WEEK = 7 * 86400;

/** Share of records whose upstream lookup failed, leaving one fact out. */
const MISSING_FACT_RATE = 0.01;
/** Share of outcomes that carry no turnaround (the review tool lost the timestamp). */
const NO_TURNAROUND_RATE = 0.03;

type HumanRoute = 'review_after' | 'approve_before' | 'escalate';
type Outcome = NonNullable<HistoryRecord['outcome']>;

const EXPIRED: Record<HumanRoute, number> = { review_after: 0.02, approve_before: 0.03, escalate: 0.04 };
const ESCALATED: Record<HumanRoute, number> = { review_after: 0.01, approve_before: 0.025, escalate: 0.04 };
/** Chance a reviewer (or QA, for auto) catches a wrong proposal. */
const CATCH: Record<Exclude<Route, 'deny'>, number> = { auto: 0.9, review_after: 0.8, approve_before: 0.88, escalate: 0.92 };
/** Median turnaround as a share of the role's SLA: approvals are answered fast, QA reads in batches. */
const TURNAROUND_SHARE: Record<Exclude<Route, 'deny'>, number> = { auto: 0.5, review_after: 0.3, approve_before: 0.12, escalate: 0.2 };

interface Stats {
  records: number;
  routes: Record<Route, number>;
  audited: number;
  outcomes: Record<OutcomeDecision, number>;
  onError: number;
  downstreamKnown: number;
  downstreamErrors: number;
}

/** Generates one policy's history as JSON Lines, with the figures for its summary line. */
function generateHistory(model: PolicyModel, plan: CompiledPolicy, count: number, seed: number): { lines: string[]; stats: Stats } {
  const factsRng = mulberry32(streamSeed(seed, `${model.name}/facts`));
  const outcomeRng = mulberry32(streamSeed(seed, `${model.name}/outcomes`));
  const downstreamRng = mulberry32(streamSeed(seed, `${model.name}/downstream`));
  const peopleRng = mulberry32(streamSeed(seed, `${model.name}/people`));
  const times = timestamps(mulberry32(streamSeed(seed, `${model.name}/time`)), count);
  const stats: Stats = {
    records: count,
    routes: Object.fromEntries(ROUTES.map((route) => [route, 0])) as Stats['routes'],
    audited: 0,
    outcomes: Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Stats['outcomes'],
    onError: 0,
    downstreamKnown: 0,
    downstreamErrors: 0,
  };
  const policy = { name: plan.name, version: plan.version, hash: plan.hash };
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const decisionId = `d-${model.prefix}-${String(i + 1).padStart(7, '0')}`;
    const facts = model.facts(factsRng);
    if (chance(factsRng, MISSING_FACT_RATE)) dropLookup(factsRng, model, facts);
    const decision = evaluate(plan, facts, { decisionKey: decisionId });
    const ceremonial = model.ceremonialRule !== undefined && decision.matched.some((rule) => rule.id === model.ceremonialRule && rule.route === decision.route);
    const wrong = !ceremonial && chance(outcomeRng, model.pWrong(facts));
    const record: HistoryRecord = {
      decisionId,
      at: new Date(times[i]! * 1000).toISOString().replace('.000Z', 'Z'),
      policy,
      facts,
      route: decision.route,
      rules: decision.matched.map((rule) => rule.id),
    };
    const outcome = outcomeFor(outcomeRng, model, plan, decision, facts, wrong, ceremonial);
    if (outcome) record.outcome = assignPerson(peopleRng, model, plan, outcome);
    // Only automatic decisions are ever sampled, so this is false on every human route.
    record.audit = decision.sampled;
    const downstream = downstreamFor(downstreamRng, END - times[i]!, decision.route, outcome?.decision, wrong);
    if (downstream) record.downstream = downstream;
    lines.push(JSON.stringify(record));

    stats.routes[decision.route]++;
    if (decision.sampled) stats.audited++;
    if (outcome) stats.outcomes[outcome.decision]++;
    if (decision.error) stats.onError++;
    if (downstream) stats.downstreamKnown++;
    if (downstream?.error) stats.downstreamErrors++;
  }
  return { lines, stats };
}

/** Sorted, strictly increasing times (seconds), denser in business hours and on weekdays. */
function timestamps(rng: Rng, count: number): number[] {
  const times: number[] = [];
  while (times.length < count) {
    const t = END - SPAN + 1 + Math.floor(rng() * SPAN);
    if (rng() < activity(t)) times.push(t);
  }
  times.sort((a, b) => a - b);
  // Two records in one second: move the earlier back, so the last stays within the window.
  for (let i = count - 2; i >= 0; i--) if (times[i]! >= times[i + 1]!) times[i] = times[i + 1]! - 1;
  return times;
}

// Agents work for customers in Europe and the Americas: UTC 08–22 is the busy part of the day.
function activity(seconds: number): number {
  const date = new Date(seconds * 1000);
  const hour = date.getUTCHours();
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  return (hour >= 8 && hour <= 22 ? 1 : 0.35) * (weekend ? 0.55 : 1);
}

/** An upstream lookup failed: one of the facts it supplies is missing from the record. */
function dropLookup(rng: Rng, model: PolicyModel, facts: Facts): void {
  const present = model.lookups.filter((name) => name in facts);
  if (present.length > 0) delete facts[present[Math.floor(rng() * present.length)]!];
}

/** What a person did: on human routes and on QA-sampled automatic ones; none on deny or unsampled auto. */
function outcomeFor(rng: Rng, model: PolicyModel, plan: CompiledPolicy, decision: Decision, facts: Facts, wrong: boolean, ceremonial: boolean): Outcome | undefined {
  const route = decision.route;
  if (route === 'deny' || (route === 'auto' && !decision.sampled)) return undefined;
  // A human decision names its reviewer: a role from the rules that decided, else spec.reviewer (default,
  // onError, the irreversible gate). The model's role covers QA of automatic ones and a policy without spec.reviewer.
  const reviewer = decision.reviewer ?? model.fallbackReviewer[route];
  const sla = decision.slaSeconds ?? parseDuration(plan.policy.spec.reviewers?.[reviewer]?.sla ?? '') ?? 86400;
  if (route !== 'auto' && chance(rng, EXPIRED[route])) return { decision: 'expired', reviewer };
  // Only a role with somewhere to escalate to escalates.
  const escalateTo = plan.policy.spec.reviewers?.[reviewer]?.escalateTo;
  let kind: OutcomeDecision;
  if (route !== 'auto' && escalateTo !== undefined && chance(rng, ESCALATED[route])) kind = 'escalated';
  else if (ceremonial) kind = 'approved';
  else if (wrong) kind = chance(rng, CATCH[route]) ? (chance(rng, model.editWrong) ? 'edited' : 'rejected') : 'approved';
  else {
    const r = rng();
    kind = r < model.rejectCorrect ? 'rejected' : r < model.rejectCorrect + model.editCorrect ? 'edited' : 'approved';
  }
  const outcome: Outcome = { decision: kind, reviewer };
  if (!chance(rng, NO_TURNAROUND_RATE)) outcome.turnaroundSeconds = turnaround(rng, sla, TURNAROUND_SHARE[route]);
  if (kind !== 'approved') outcome.reason = model.reason(rng, kind, facts, wrong);
  return outcome;
}

/** First names of each role's reviewers: three people a role, the same in every run. */
const FIRST_NAMES = ['ana', 'bo', 'chen', 'dara', 'eli', 'fay', 'gus', 'hana', 'ines', 'jo', 'kai', 'lena', 'milo', 'noor', 'oli', 'pia', 'quinn', 'sami', 'tara', 'uma', 'vik', 'wen', 'yara', 'zeno'];

function teamOf(plan: CompiledPolicy, role: string, domain: string): string[] {
  const roles = Object.keys(plan.policy.spec.reviewers ?? {});
  const index = Math.max(0, roles.indexOf(role));
  return [0, 1, 2].map((k) => `${FIRST_NAMES[(index * 3 + k) % FIRST_NAMES.length]!}@${domain}`);
}

/**
 * The person who answered, drawn from the role's team on a stream of its own
 * (so adding people changed no other draw). A model's rubber stamper takes a
 * share of the role's approvals, and answers each in under a minute.
 */
function assignPerson(rng: Rng, model: PolicyModel, plan: CompiledPolicy, outcome: Outcome): Outcome {
  if (outcome.decision === 'expired' || outcome.reviewer === undefined) return outcome;
  const domain = `${model.name.split('-')[0]!}.example`;
  const stamper = model.rubberStamper;
  const draw = rng();
  if (stamper && outcome.reviewer === stamper.role && outcome.decision === 'approved' && draw < stamper.share) {
    const fast = outcome.turnaroundSeconds === undefined ? {} : { turnaroundSeconds: 15 + Math.floor(rng() * 45) };
    return { ...outcome, reviewerId: stamper.id, ...fast };
  }
  const team = teamOf(plan, outcome.reviewer, domain);
  return { ...outcome, reviewerId: team[Math.floor(rng() * team.length)]! };
}

/** Seconds to an answer: log-normal around a share of the SLA, and within it (past it the review expires). */
function turnaround(rng: Rng, slaSeconds: number, share: number): number {
  for (let attempt = 0; attempt < 8; attempt++) {
    const seconds = Math.round(logNormal(rng, share * slaSeconds, 0.9));
    if (seconds >= 20 && seconds <= slaSeconds) return seconds;
  }
  return Math.round(slaSeconds * (0.5 + 0.5 * rng()));
}

/**
 * Whether an error was found later, where it is known: on nearly every record
 * older than a week, and on the recent ones only when an error has already
 * surfaced (the longer ago, the likelier).
 */
function downstreamFor(rng: Rng, ageSeconds: number, route: Route, outcome: OutcomeDecision | undefined, wrong: boolean): { error: boolean } | undefined {
  const error = chance(rng, errorChance(route, outcome, wrong));
  const known = ageSeconds >= WEEK ? chance(rng, 0.97) : error && chance(rng, (0.8 * ageSeconds) / WEEK);
  return known ? { error } : undefined;
}

// A wrong proposal that ran as proposed breaks something about half the time; one
// that did not run (rejected, expired, denied) rarely leads to a complaint.
function errorChance(route: Route, outcome: OutcomeDecision | undefined, wrong: boolean): number {
  if (route === 'deny') return 0.003;
  if (route === 'approve_before' || route === 'escalate') {
    if (outcome === 'approved') return wrong ? 0.55 : 0.004;
    if (outcome === 'edited') return wrong ? 0.05 : 0.01;
    return 0.003;
  }
  // auto and review_after ran as proposed; a catch afterwards limits the damage
  // (a reviewer's correction within hours more than QA's, days later).
  if (!wrong) return 0.004;
  if (outcome === 'edited') return route === 'auto' ? 0.5 : 0.1;
  if (outcome === 'rejected') return route === 'auto' ? 0.6 : 0.3;
  return 0.55;
}

/** Writes JSON Lines in chunks: a million records are more text than one string may hold. */
function writeLines(file: string, lines: readonly string[]): void {
  const fd = openSync(file, 'w');
  try {
    for (let start = 0; start < lines.length; start += 10_000) writeSync(fd, lines.slice(start, start + 10_000).join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
}

function loadPlan(name: string): CompiledPolicy {
  const file = `policies/${name}.yaml`;
  const loaded = loadPolicy(readFileSync(join(ROOT, file), 'utf8'), file);
  if (!loaded.ok) {
    throw new Error(loaded.diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n'));
  }
  return compilePolicy(loaded.policy);
}

function summary(file: string, stats: Stats, bytes: number): string {
  const share = (n: number, of: number): string => (of === 0 ? 'n/a' : `${((100 * n) / of).toFixed(1)}%`);
  const routes = ROUTES.map((route) => `${route} ${share(stats.routes[route], stats.records)}`).join(', ');
  const outcomes = OUTCOMES.map((outcome) => `${outcome} ${stats.outcomes[outcome]}`).join(', ');
  return (
    `${file}: ${stats.records} records (${routes}); QA-sampled ${share(stats.audited, stats.routes.auto)} of auto; ` +
    `outcomes ${outcomes}; onError ${stats.onError}; downstream errors ${stats.downstreamErrors} of ${stats.downstreamKnown} known; ` +
    (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)
  );
}

const HELP = `Usage: pnpm gen:history [options]
       (tsx --conditions=@oversight/source scripts/generate-history.ts [options])

Generates the sample histories of the example policies: for each
policies/<name>.yaml, <out>/<name>.history.jsonl. The same seed and count
give byte-identical files.

Options:
  --seed N       seed of the random streams (default ${DEFAULT_SEED})
  --count N      records for support-refunds (default ${DEFAULT_COUNT}); the others get a fifth
  --out DIR      output folder (default policies/history in the repository)
  --policy NAME  only this policy (${MODELS.map((model) => model.name).join(', ')})
  --check        generate in memory and exit 1 if a file on disk differs
  --help         show this text
`;

function wholeNumber(text: string | undefined, fallback: number, flag: string, min: number): number {
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) < min) throw new Error(`${flag} must be a whole number of at least ${min}, got '${text}'`);
  return Number(text);
}

function main(argv: string[]): number {
  let options;
  let seed: number;
  let count: number;
  try {
    ({ values: options } = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' },
        count: { type: 'string' },
        out: { type: 'string' },
        policy: { type: 'string' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
    seed = wholeNumber(options.seed, DEFAULT_SEED, '--seed', 0);
    count = wholeNumber(options.count, DEFAULT_COUNT, '--count', 1);
  } catch (error) {
    process.stderr.write(`generate-history: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const models = options.policy === undefined ? MODELS : MODELS.filter((model) => model.name === options.policy);
  if (models.length === 0) {
    process.stderr.write(`generate-history: no example policy '${options.policy}'; one of ${MODELS.map((model) => model.name).join(', ')}\n`);
    return 2;
  }
  const outDir = options.out === undefined ? join(ROOT, 'policies/history') : resolve(options.out);

  let stale = 0;
  for (const model of models) {
    const { lines, stats } = generateHistory(model, loadPlan(model.name), Math.max(1, Math.round(count * model.share)), seed);
    const file = join(outDir, `${model.name}.history.jsonl`);
    const shown = file.startsWith(ROOT) ? relative(ROOT, file) : file;
    const line = summary(shown, stats, lines.reduce((bytes, text) => bytes + Buffer.byteLength(text) + 1, 0));
    if (options.check) {
      const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (current === lines.join('\n') + '\n') process.stderr.write(`up to date: ${line}\n`);
      else {
        stale++;
        process.stderr.write(`stale: ${shown} ${current === undefined ? 'is missing' : 'differs from what the generator writes'}\n`);
      }
    } else {
      mkdirSync(outDir, { recursive: true });
      writeLines(file, lines);
      process.stderr.write(`${line}\n`);
    }
  }
  if (stale > 0) {
    process.stderr.write(`${stale} sample ${stale === 1 ? 'history is' : 'histories are'} stale: run pnpm gen:history and commit the result\n`);
    return 1;
  }
  return 0;
}

// `pnpm gen:history -- --policy x` passes the `--` through; it separates nothing here.
const args = process.argv.slice(2);
process.exitCode = main(args[0] === '--' ? args.slice(1) : args);
