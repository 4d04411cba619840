// Computes the figures docs/history.md gives about the shipped sample histories
// (files, routes, onError, QA sampling, outcomes, downstream, the autoRefundMax
// demo), so the doc cannot drift from them: prints each marked region's markdown,
// rewrites the regions in the doc (--write), or exits 1 when one is stale (--check).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compilePolicy, evaluateRoute, HUMAN_ROUTES, loadPolicy, OUTCOMES, ROUTES, thresholdValuesFor, type CompiledPolicy, type HistoryRecord, type OutcomeDecision } from '@oversight/core';
import { MODELS, type Facts } from './history-models.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DOC = 'docs/history.md';
export const REGENERATE = 'pnpm --filter @oversight/simulator docs:history';

/** The threshold the demo raises (`pnpm demo` sets it to DEMO_VALUE) and the values its table replays. */
const DEMO_THRESHOLD = 'autoRefundMax';
const DEMO_VALUE = 100;
const DEMO_VALUES = [75, 100, 150, 200];

// Lookup facts the traffic models send on some actions only: absent elsewhere, they were not dropped.
const SENT_ONLY_WHEN: Readonly<Record<string, (facts: Facts) => boolean>> = {
  refundToOriginalMethod: (facts) => facts.actionType === 'refund',
  poMatched: (facts) => facts.formType === 'invoice',
  decisionValue: (facts) => facts.materialDecision === true,
};

export interface History {
  name: string;
  /** Facts an upstream lookup supplies; the generator leaves one out on ~1% of records. */
  lookups: readonly string[];
  plan: CompiledPolicy;
  records: readonly HistoryRecord[];
  bytes: number;
}

/** The doc's generated regions, by name, in the order they appear. */
export type Figures = Record<'files' | 'routes' | 'outcomes' | 'demo', string>;

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)}%`;
const share = (n: number, of: number): string => `${count(n)} (${percent(n, of)})`;
const tally = <T>(items: readonly T[], test: (item: T) => boolean): number => items.reduce((n, item) => (test(item) ? n + 1 : n), 0);
/** A paragraph broken into lines of at most `width` characters, as the docs are written. */
const wrap = (text: string, width = 78): string =>
  text.split(' ').reduce<string[]>((lines, word) => {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
    return lines;
  }, []).join('\n');
/** A markdown table, numbers right-aligned; the first column is left-aligned unless it holds numbers too. */
const table = (head: readonly string[], rows: readonly (readonly string[])[], first = '---'): string =>
  [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? first : '---:')).join('|')}|`, ...rows.map((cells) => `| ${cells.join(' | ')} |`)].join('\n');

/** Every region's markdown, from the histories and their policies. */
export function historyFigures(histories: readonly History[]): Figures {
  const refunds = histories.find((history) => history.name === 'support-refunds');
  if (!refunds) throw new Error('the autoRefundMax demo needs the support-refunds history');
  return { files: fileFigures(histories), routes: routeFigures(histories), outcomes: outcomeFigures(histories), demo: demoFigures(refunds) };
}

function fileFigures(histories: readonly History[]): string {
  return table(
    ['file', 'records', 'size'],
    histories.map(({ name, records, bytes }) => [`\`policies/history/${name}.history.jsonl\``, count(records.length), `${(bytes / 1024 / 1024).toFixed(1)} MB`]),
  );
}

function routeFigures(histories: readonly History[]): string {
  const routes = table(
    ['policy', ...ROUTES],
    histories.map(({ name, records }) => [name, ...ROUTES.map((route) => tally(records, (record) => record.route === route)).map((n) => (n === 0 ? '0' : share(n, records.length)))]),
  );
  // onError is taken where a missing fact could have changed the decision; a replay tells which.
  const onError = histories.map((history, i) => {
    const dropped = history.records.filter((record) => droppedFact(history, record));
    const failed = tally(dropped, (record) => evaluateRoute(history.plan, record.facts).error !== undefined);
    return i === 0 ? `${count(failed)} of the ${count(dropped.length)} ${history.name} records with a dropped fact` : `${count(failed)} of ${count(dropped.length)} in ${history.name}`;
  });
  return `${routes}\n\n${wrap(`Records that took \`onError\` (a missing fact that could have changed the decision): ${onError.join(', ')}.`)}`;
}

function droppedFact({ lookups }: History, { facts }: HistoryRecord): boolean {
  return lookups.some((name) => !(name in facts) && (SENT_ONLY_WHEN[name]?.(facts) ?? true));
}

function outcomeFigures(histories: readonly History[]): string {
  const rows = histories.map(({ name, records }) => {
    const auto = records.filter((record) => record.route === 'auto');
    const sampled = tally(auto, (record) => record.audit === true);
    const outcomes = records.flatMap((record) => (record.outcome ? [record.outcome] : []));
    const answers = outcomes.filter((outcome) => outcome.decision !== 'expired');
    const known = records.filter((record) => record.downstream?.error !== undefined);
    const autoKnown = known.filter((record) => record.route === 'auto');
    const errors = (of: readonly HistoryRecord[]) => tally(of, (record) => record.downstream?.error === true);
    return {
      auto: auto.length,
      sampled,
      outcomes: [
        name,
        `${count(sampled)} of ${count(auto.length)} (${percent(sampled, auto.length)})`,
        count(outcomes.length),
        ...OUTCOMES.map((decision) => share(tally(outcomes, (outcome) => outcome.decision === decision), outcomes.length)),
      ],
      downstream: [
        name,
        percent(tally(outcomes, (outcome) => outcome.decision === 'expired'), tally(records, (record) => HUMAN_ROUTES.includes(record.route))),
        percent(tally(answers, (outcome) => outcome.turnaroundSeconds === undefined), answers.length),
        share(known.length, records.length),
        share(errors(known), known.length),
        percent(errors(autoKnown), autoKnown.length),
      ],
    };
  });
  const auto = rows.reduce((n, row) => n + row.auto, 0);
  const sampled = rows.reduce((n, row) => n + row.sampled, 0);
  const rates = histories.map(({ plan }) => `${Math.round(100 * (plan.policy.spec.sampling?.auto ?? 0))}%`).join(', ');
  return [
    wrap(
      `QA sampling is the policy's own: a hash of the policy hash and the decision id under \`sampling.auto\` (${rates}). ` +
        'On a few thousand automatic decisions a hash sample lands within about a percentage point of its rate, ' +
        'so the shares below differ from the rates by sampling noise alone; ' +
        `across the four files, ${count(sampled)} of ${count(auto)} automatic decisions (${percent(sampled, auto)}) are sampled.`,
    ),
    table(['policy', 'QA-sampled of auto', 'outcomes', ...OUTCOMES], rows.map((row) => row.outcomes)),
    table(
      ['policy', 'expired, of human routes', 'no turnaround, of answers', 'downstream known', 'downstream errors, of known', 'errors on auto, of known'],
      rows.map((row) => row.downstream),
    ),
  ].join('\n\n');
}

/** The demo's band: confident refunds and credits above the threshold, up to its allowed maximum, held by refund-needs-approval alone. */
function demoFigures({ plan, records }: History): string {
  const threshold = plan.policy.spec.thresholds?.[DEMO_THRESHOLD];
  const minConfidence = plan.policy.spec.thresholds?.minConfidence?.value;
  const max = threshold?.max;
  if (threshold === undefined || max === undefined || minConfidence === undefined) throw new Error(`support-refunds declares no ${DEMO_THRESHOLD} maximum or minConfidence`);
  const band = records.filter(({ facts, route, rules }) => {
    const { amount, confidence } = facts as { amount?: number; confidence?: number };
    return amount !== undefined && amount > threshold.value && amount <= max && confidence !== undefined && confidence >= minConfidence && route === 'approve_before' && rules?.join() === 'refund-needs-approval';
  });
  const decided = (of: readonly HistoryRecord[], ...decisions: OutcomeDecision[]) => tally(of, (record) => record.outcome !== undefined && decisions.includes(record.outcome.decision));
  const rows = DEMO_VALUES.map((value) => {
    const thresholds = thresholdValuesFor(plan, { [DEMO_THRESHOLD]: value });
    const moved = records.filter((record) => record.route !== 'auto' && evaluateRoute(plan, record.facts, thresholds).route === 'auto');
    return [String(value), count(moved.length), count(decided(moved, 'rejected', 'edited')), count(decided(moved, 'approved'))];
  });
  return [
    wrap(
      `The simulator's demo raises support-refunds' \`${DEMO_THRESHOLD}\` from ${threshold.value} to ${DEMO_VALUE} (its allowed maximum is ${max}). ` +
        `Between ${threshold.value} and ${max}, ${count(band.length)} refunds and credits read with confidence ${minConfidence} or more ` +
        `went to \`approve_before\` on \`refund-needs-approval\` alone. A support lead approved ${share(decided(band, 'approved'), band.length)}, ` +
        `rejected ${count(decided(band, 'rejected'))} and edited ${count(decided(band, 'edited'))}; ` +
        `${count(decided(band, 'escalated'))} were escalated and ${count(decided(band, 'expired'))} expired.`,
    ),
    wrap(
      `Replaying the history with a higher \`${DEMO_THRESHOLD}\` moves these records from \`approve_before\` to \`auto\` ` +
        '(the goodwill and "other" cash refunds stay with a person: no automatic rule covers them):',
    ),
    table([DEMO_THRESHOLD, 'records moved to auto', 'of them rejected or edited by the lead', 'approved'], rows, '---:'),
  ].join('\n\n');
}

const markers = (name: string): [string, string] => [`<!-- history-figures:${name}:start -->`, `<!-- history-figures:${name}:end -->`];

/** Where a region's text lies, between the end of its start marker and the start of its end marker. */
function regionAt(doc: string, name: string): { from: number; to: number } | undefined {
  const [start, end] = markers(name);
  const at = doc.indexOf(start);
  const to = at < 0 ? -1 : doc.indexOf(end, at);
  return to < 0 ? undefined : { from: at + start.length, to };
}

/** A region's text without the line breaks next to its markers; undefined when the doc lacks the region. */
export function readRegion(doc: string, name: string): string | undefined {
  const region = regionAt(doc, name);
  return region && doc.slice(region.from, region.to).trim();
}

/** The doc with every region's text replaced; throws when a region's markers are missing. */
export function replaceRegions(doc: string, figures: Figures): string {
  return Object.entries(figures).reduce((text, [name, markdown]) => {
    const region = regionAt(text, name);
    if (!region) throw new Error(`${DOC} has no ${markers(name).join(' … ')} region`);
    return `${text.slice(0, region.from)}\n${markdown}\n${text.slice(region.to)}`;
  }, doc);
}

/** The four shipped histories with their policies, in generation order. */
export function readHistories(root = ROOT): History[] {
  return MODELS.map(({ name, lookups }) => {
    const file = `policies/${name}.yaml`;
    const loaded = loadPolicy(readFileSync(join(root, file), 'utf8'), file);
    if (!loaded.ok) throw new Error(`${file}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
    const text = readFileSync(join(root, `policies/history/${name}.history.jsonl`), 'utf8');
    const records = text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as HistoryRecord);
    return { name, lookups, plan: compilePolicy(loaded.policy), records, bytes: Buffer.byteLength(text) };
  });
}

const USAGE = 'Usage: tsx --conditions=@oversight/source scripts/history-figures.ts [--write | --check]\n';

function main(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { write: { type: 'boolean', default: false }, check: { type: 'boolean', default: false } }, strict: true }));
  } catch (error) {
    process.stderr.write(`history-figures: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const figures = historyFigures(readHistories());
  if (!values.write && !values.check) {
    process.stdout.write(Object.entries(figures).map(([name, markdown]) => `${markers(name)[0]}\n${markdown}\n${markers(name)[1]}\n`).join('\n'));
    return 0;
  }
  const file = join(ROOT, DOC);
  const doc = readFileSync(file, 'utf8');
  const updated = replaceRegions(doc, figures);
  if (updated === doc) {
    process.stderr.write(`${DOC}: up to date\n`);
    return 0;
  }
  if (values.check) {
    process.stderr.write(`${DOC}: figures differ from the shipped histories; run ${REGENERATE}\n`);
    return 1;
  }
  writeFileSync(file, updated);
  process.stderr.write(`${DOC}: figures rewritten\n`);
  return 0;
}

// The test imports the functions above; only as the entry point does the file run.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `pnpm docs:history -- …` passes the `--` through; it separates nothing here.
  const args = process.argv.slice(2);
  process.exitCode = main(args[0] === '--' ? args.slice(1) : args);
}
