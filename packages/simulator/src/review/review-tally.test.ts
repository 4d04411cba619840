import { readFileSync } from 'node:fs';
import { compilePolicy, loadPolicy, type CompiledPolicy, type OutcomeDecision, type Route } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { reviewReport, ReviewTally, type ReviewReport, type ReviewReportOptions } from './index.js';
import { MAX_REASONS, ReasonCounter } from './reason-counter.js';

interface Spec {
  rules?: string[];
  route?: Route;
  decision?: OutcomeDecision;
  reason?: string;
  reviewer?: string;
  reviewerId?: string;
  turnaround?: number;
  at?: string;
  error?: boolean;
  audit?: boolean;
  policy?: string;
  id?: string;
}

let counter = 0;

/** One history line: a record with just the fields a test sets. */
function line(spec: Spec): string {
  const route = spec.route ?? (spec.decision === undefined ? 'auto' : 'approve_before');
  return JSON.stringify({
    decisionId: spec.id ?? `d-${String(++counter).padStart(7, '0')}`,
    at: spec.at ?? '2026-10-06T12:00:00Z',
    policy: { name: spec.policy ?? 'support-refunds', version: 4 },
    facts: {},
    route,
    rules: spec.rules ?? [],
    ...(spec.decision === undefined
      ? {}
      : {
          outcome: {
            decision: spec.decision,
            reviewer: spec.reviewer ?? 'support-lead',
            ...(spec.reason === undefined ? {} : { reason: spec.reason }),
            ...(spec.reviewerId === undefined ? {} : { reviewerId: spec.reviewerId }),
            ...(spec.turnaround === undefined ? {} : { turnaroundSeconds: spec.turnaround }),
          },
        }),
    ...(spec.audit === undefined ? {} : { audit: spec.audit }),
    ...(spec.error === undefined ? {} : { downstream: { error: spec.error } }),
  });
}

const times = (n: number, make: (i: number) => Spec): Spec[] => Array.from({ length: n }, (_, i) => make(i));

/** The report on these lines, read from one source in 13-character chunks (cuts fall mid-line). */
async function report(lines: readonly (Spec | string)[], options: ReviewReportOptions = {}, name = 'history.jsonl'): Promise<ReviewReport> {
  const text = lines.map((entry) => (typeof entry === 'string' ? entry : line(entry))).join('\n') + '\n';
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 13) chunks.push(text.slice(i, i + 13));
  return reviewReport([{ name, chunks }], options);
}

function refunds(): CompiledPolicy {
  const file = 'policies/support-refunds.yaml';
  const loaded = loadPolicy(readFileSync(new URL(`../../../../${file}`, import.meta.url), 'utf8'), file);
  if (!loaded.ok) throw new Error(loaded.diagnostics[0]!.message);
  return compilePolicy(loaded.policy);
}

describe('ceremonial rules', () => {
  // 1,000 automatic decisions, 1% of which failed downstream: what approvals are compared with.
  const automatic = times(1000, (i) => ({ rules: ['small-confident-refund'], route: 'auto', error: i % 100 === 0 }));

  it('names a rule whose 200 reviews were all approved unchanged, and not one where people reject 10%', async () => {
    const result = await report([
      ...automatic,
      ...times(200, () => ({ rules: ['ceremony'], decision: 'approved', error: false })),
      ...times(200, (i) => ({ rules: ['protective'], decision: i % 10 === 0 ? 'rejected' : 'approved', error: false })),
    ]);
    expect(result.ceremonial.rules.map((rule) => rule.rule)).toEqual(['ceremony']);
    const [ceremony] = result.ceremonial.rules;
    expect(ceremony).toMatchObject({ rule: 'ceremony', reviews: 200, downstreamCompared: true });
    expect(ceremony!.approvedUnchanged).toMatchObject({ count: 200, of: 200, rate: 1, high: 1, thin: false });
    expect(ceremony!.approvedUnchanged.low).toBeGreaterThan(0.98);
    expect(ceremony!.approvedDownstreamErrors).toMatchObject({ count: 0, of: 200, low: 0 });
    expect(result.ceremonial.autoDownstreamErrors).toMatchObject({ count: 10, of: 1000 });
  });

  it('does not name a rule with too few reviews, however unanimous', async () => {
    const result = await report([...automatic, ...times(29, () => ({ rules: ['rare'], decision: 'approved', error: false }))], { ceremonial: { level: 0.5 } });
    expect(result.ceremonial.rules).toEqual([]);
    // At 30 reviews and a level of 0.5 it would be.
    const enough = await report([...automatic, ...times(30, () => ({ rules: ['rare'], decision: 'approved', error: false }))], { ceremonial: { level: 0.5 } });
    expect(enough.ceremonial.rules.map((rule) => rule.rule)).toEqual(['rare']);
  });

  it('does not name a rule of 100 unanimous reviews at the default level: the evidence is not there', async () => {
    const result = await report([...automatic, ...times(100, () => ({ rules: ['rare'], decision: 'approved', error: false }))]);
    expect(result.byRule.find((group) => group.key === 'rare')!.outcomes.approved.rate).toBe(1);
    expect(result.ceremonial.rules).toEqual([]);
  });

  it('does not name a ceremonial-looking rule whose approved decisions fail downstream more than automatic ones', async () => {
    const result = await report([
      ...automatic,
      ...times(300, () => ({ rules: ['ceremony'], decision: 'approved', error: false })),
      ...times(300, (i) => ({ rules: ['risky'], decision: 'approved', error: i % 5 === 0 })),
    ]);
    expect(result.ceremonial.rules.map((rule) => rule.rule)).toEqual(['ceremony']);
    const risky = result.byRule.find((group) => group.key === 'risky')!;
    expect(risky.outcomes.approved.count).toBe(300);
  });

  it('still names a unanimous rule when no downstream result exists to compare, and says it did not compare', async () => {
    const result = await report(times(300, () => ({ rules: ['ceremony'], decision: 'approved' })));
    expect(result.ceremonial.rules).toMatchObject([{ rule: 'ceremony', downstreamCompared: false, approvedDownstreamErrors: { of: 0, rate: null } }]);
  });

  it('counts only reviews on human routes: QA samples of automatic decisions are not checkpoint reviews', async () => {
    const result = await report(times(300, () => ({ rules: ['auto-rule'], route: 'auto', audit: true, decision: 'approved' })));
    expect(result.byRule.find((group) => group.key === 'auto-rule')!.reviews).toBe(300);
    expect(result.ceremonial.rules).toEqual([]);
    expect(result.downstream.qa).toMatchObject({ count: 0, of: 300 });
  });
});

describe('rubber stamping', () => {
  const team = [
    // Approves everything in 5 seconds.
    ...times(60, () => ({ decision: 'approved' as const, reviewerId: 'quick@example', turnaround: 5 })),
    // Two peers who take ten minutes and say no now and then.
    ...times(60, (i) => ({ decision: i % 10 === 0 ? ('rejected' as const) : ('approved' as const), reviewerId: 'care@example', turnaround: 600 + i })),
    ...times(60, (i) => ({ decision: i % 12 === 0 ? ('edited' as const) : ('approved' as const), reviewerId: 'thorough@example', turnaround: 540 + i })),
  ];

  it('names the reviewer who approves in 5 s where peers take 10 min, and not the careful peers', async () => {
    const result = await report(team);
    expect(result.rubberStamping.reviewers.map((reviewer) => reviewer.reviewerId)).toEqual(['quick@example']);
    const [quick] = result.rubberStamping.reviewers;
    expect(quick).toMatchObject({ role: 'support-lead', reviews: 60, medianApproveSeconds: 5, approvalsTimed: 60, signs: ['fast'] });
    expect(quick!.peerApprovalsTimed).toBe(54 + 55);
    expect(quick!.peerMedianApproveSeconds).toBeGreaterThan(500);
    expect(quick!.speedShare).toBeLessThan(0.2);
    // 60 approvals in a row are not yet proof of approving everything (Wilson lower bound 0.94).
    expect(quick!.approvals.low).toBeLessThan(0.95);
  });

  it('names a reviewer who approves everything over enough reviews, whatever their speed', async () => {
    const result = await report([...team, ...times(100, () => ({ decision: 'approved' as const, reviewerId: 'yes@example', turnaround: 600 }))]);
    const yes = result.rubberStamping.reviewers.find((reviewer) => reviewer.reviewerId === 'yes@example');
    expect(yes).toMatchObject({ reviews: 100, signs: ['approves-all'], approvals: { count: 100, of: 100 } });
  });

  it('judges no one on fewer than minApprovals approvals', async () => {
    const result = await report(team, { rubberStamp: { minApprovals: 61 } });
    expect(result.rubberStamping.reviewers).toEqual([]);
    expect(result.rubberStamping.minApprovals).toBe(61);
  });

  it('compares a reviewer with the peers of the same role only', async () => {
    const result = await report([
      ...team,
      // Another role, where everyone is quick: nobody there is faster than their peers.
      ...times(40, () => ({ decision: 'approved' as const, reviewer: 'fraud-analyst', reviewerId: 'quick@example', turnaround: 5 })),
      ...times(40, () => ({ decision: 'approved' as const, reviewer: 'fraud-analyst', reviewerId: 'fast-peer@example', turnaround: 6 })),
    ]);
    expect(result.rubberStamping.reviewers.map((reviewer) => [reviewer.reviewerId, reviewer.role])).toEqual([['quick@example', 'support-lead']]);
  });
});

describe('what the report counts, and what it counts apart', () => {
  it('filters on `at`: since from the first instant of its day, until to the end of its day', async () => {
    const at = ['2026-10-01T23:59:59Z', '2026-10-02T00:00:00Z', '2026-10-05T23:59:59Z', '2026-10-06T00:00:00Z', '2026-10-06T00:00:00+02:00'];
    const result = await report(
      at.map((time) => ({ at: time })),
      { since: '2026-10-02', until: '2026-10-05' },
    );
    // 2026-10-06T00:00:00+02:00 is 22:00 UTC on October 5th.
    expect(result.history.records).toBe(3);
    expect(result.history.outsidePeriod).toEqual({ before: 1, after: 1 });
    expect(result.history.period).toEqual({ first: '2026-10-02T00:00:00Z', last: '2026-10-05T23:59:59Z' });
    expect(result.criteria).toMatchObject({ since: '2026-10-02', until: '2026-10-05' });
  });

  it('takes a date-time until as the instant records must be before', async () => {
    const result = await report([{ at: '2026-10-05T11:59:59Z' }, { at: '2026-10-05T12:00:00Z' }], { until: '2026-10-05T12:00:00Z' });
    expect(result.history.records).toBe(1);
    expect(result.history.outsidePeriod.after).toBe(1);
  });

  it('refuses a since or until it cannot read, before reading anything', async () => {
    await expect(report([{}], { since: 'last week' })).rejects.toThrow(/since: 'last week' is neither a date/);
    await expect(report([{}], { until: '2026-02-30' })).rejects.toThrow(/until: 2026-02-30 is not a date/);
    await expect(report([{}], { since: '2026-10-05', until: '2026-10-04' })).rejects.toThrow(/not before until/);
  });

  it('counts records of other policies apart when a policy is given, and in no other figure', async () => {
    const policy = refunds();
    const lines: Spec[] = [{ decision: 'approved' }, { policy: 'sales-outreach', decision: 'rejected' }, { policy: 'sales-outreach' }, { policy: 'back-office-forms' }];
    const result = await report(lines, { policy });
    expect(result.history).toMatchObject({ lines: 4, records: 1, policies: { 'support-refunds': 1 }, otherPolicies: { 'sales-outreach': 2, 'back-office-forms': 1 } });
    expect(result.byRoute.reduce((sum, group) => sum + group.records, 0)).toBe(1);
    expect(result.reasons.overall.rejected.total).toBe(0);
    // Without a policy, every record counts.
    const all = await report(lines);
    expect(all.history).toMatchObject({ records: 4, otherPolicies: {}, policies: { 'support-refunds': 1, 'sales-outreach': 2, 'back-office-forms': 1 } });
    expect(all.policy).toBeNull();
  });

  it('reports invalid lines with their source and line number, and counts and skips log events', async () => {
    const event = JSON.stringify({ event: 'warned', decisionId: 'd-9', at: '2026-10-06T12:00:00Z', deadline: '2026-10-06T16:00:00Z' });
    const result = await report([{}, 'not json', '', event, '{"decisionId":"d-x","at":"2026-10-06T12:00:00Z"}', { decision: 'approved' }, '{"event":"nonsense"}'], {}, 'log.jsonl');
    expect(result.history.lines).toBe(6);
    expect(result.history.records).toBe(2);
    expect(result.history.logEvents).toBe(1);
    expect(result.history.invalid.count).toBe(3);
    expect(result.history.invalid.examples.map(({ source, line }) => `${source}:${line}`)).toEqual(['log.jsonl:2', 'log.jsonl:5', 'log.jsonl:7']);
    expect(result.history.invalid.examples[1]!.reason).toMatch(/has no 'policy'/);
  });

  it('counts a decisionId once, at its first line, and lists the later one', async () => {
    const result = await report([{ id: 'd-same', decision: 'approved' }, { id: 'd-same', decision: 'rejected' }]);
    expect(result.history.records).toBe(1);
    expect(result.history.duplicates).toEqual({ count: 1, examples: [{ source: 'history.jsonl', line: 2, decisionId: 'd-same', first: { source: 'history.jsonl', line: 1 } }] });
    expect(result.byRoute.find((group) => group.key === 'approve_before')!.outcomes.rejected.count).toBe(0);
    const every = await report([{ id: 'd-same', decision: 'approved' }, { id: 'd-same', decision: 'rejected' }], { skipDuplicates: false });
    expect(every.history.records).toBe(2);
  });

  it('flags figures resting on fewer than minRecords records as thin, and still shows them', async () => {
    const result = await report([...times(5, () => ({ rules: ['few'], decision: 'approved', turnaround: 60 })), ...times(30, () => ({ rules: ['many'], decision: 'rejected', turnaround: 60 }))]);
    const few = result.byRule.find((group) => group.key === 'few')!;
    const many = result.byRule.find((group) => group.key === 'many')!;
    expect(few).toMatchObject({ records: 5, thin: true, outcomes: { approved: { count: 5, of: 5, rate: 1, thin: true } }, turnaround: { of: 5, median: 60, thin: true } });
    expect(many).toMatchObject({ records: 30, thin: false, outcomes: { rejected: { count: 30, of: 30, thin: false } }, turnaround: { thin: false } });
    const strict = await report([...times(5, () => ({ rules: ['few'], decision: 'approved' }))], { minRecords: 5 });
    expect(strict.byRule.find((group) => group.key === 'few')!.thin).toBe(false);
  });

  it('counts a record toward each rule it matched, once per rule, and a record matching none under (no rule)', async () => {
    const result = await report([{ rules: ['a', 'b', 'a'], decision: 'approved' }, { rules: ['b'] }, {}]);
    const count = (key: string) => result.byRule.find((group) => group.key === key)?.records;
    expect([count('a'), count('b'), count('(no rule)')]).toEqual([1, 2, 1]);
  });

  it('gives each role its SLA from the policy, and counts the reviews over it', async () => {
    const policy = refunds();
    const result = await report(
      [
        { decision: 'approved', reviewer: 'support-lead', turnaround: 14_400 },
        { decision: 'approved', reviewer: 'support-lead', turnaround: 14_401 },
        { decision: 'approved', reviewer: 'support-lead' },
        { decision: 'approved', reviewer: 'night-shift', turnaround: 99_999 },
      ],
      { policy },
    );
    const lead = result.byRole.find((group) => group.key === 'support-lead')!;
    expect(lead.slaSeconds).toBe(4 * 3600);
    expect(lead.slaBreaches).toMatchObject({ count: 1, of: 2 });
    expect(lead.turnaround.withoutTurnaround).toBe(1);
    expect(result.byRole.find((group) => group.key === 'night-shift')).toMatchObject({ slaSeconds: null, slaBreaches: null });
    expect(result.byRole.find((group) => group.key === 'finance-controller')).toMatchObject({ records: 0, slaSeconds: 2 * 86_400 });
  });

  it('reports turnaround median and p90 per group', async () => {
    const result = await report(times(10, (i) => ({ decision: 'approved', turnaround: (i + 1) * 10 })));
    expect(result.byRole[0]!.turnaround).toMatchObject({ of: 10, median: 50, p90: 90 });
  });

  it('puts arrivals and answers in the UTC hour they happened, across midnight', async () => {
    const result = await report([{ decision: 'approved', at: '2026-10-06T23:30:00Z', turnaround: 3600 }, { decision: 'approved', at: '2026-10-06T23:30:00Z' }]);
    const [queue] = result.queueByHour;
    expect(queue!.role).toBe('support-lead');
    expect(queue!.arrivals[23]).toBe(2);
    expect(queue!.answers[0]).toBe(1);
    expect(queue!.answers.reduce((a, b) => a + b, 0)).toBe(1);
    expect(queue!.withoutTurnaround).toBe(1);
  });

  it('splits records by ISO week, oldest first, with the trend figures', async () => {
    const result = await report([
      { at: '2026-10-25T23:00:00Z' },
      { at: '2026-10-19T00:00:00Z', decision: 'rejected' },
      { at: '2026-10-26T00:00:00Z', decision: 'approved' },
      { at: '2026-10-18T12:00:00Z' },
    ]);
    expect(result.byWeek.map((week) => [week.key, week.records])).toEqual([
      ['2026-W42', 1],
      ['2026-W43', 2],
      ['2026-W44', 1],
    ]);
    expect(result.trends[1]).toMatchObject({ week: '2026-W43', records: 2, reviews: 1, rejected: { count: 1, of: 1 }, auto: { count: 1, of: 2 } });
  });
});

describe('reasons', () => {
  it('groups reasons on their trimmed, case-folded text, shown as first spelled, per rule and overall', async () => {
    const result = await report([
      { rules: ['r1'], decision: 'rejected', reason: 'Wrong amount' },
      { rules: ['r1'], decision: 'rejected', reason: '  wrong AMOUNT ' },
      { rules: ['r2'], decision: 'rejected', reason: 'WRONG AMOUNT' },
      { rules: ['r2'], decision: 'rejected', reason: 'fraud' },
      { rules: ['r2'], decision: 'rejected' },
      { rules: ['r2'], decision: 'edited', reason: 'currency' },
      { rules: ['r3'], decision: 'approved', reason: 'fine' },
    ]);
    expect(result.reasons.overall.rejected).toEqual({
      total: 5,
      withoutReason: 1,
      top: [
        { reason: 'Wrong amount', count: 3 },
        { reason: 'fraud', count: 1 },
      ],
      other: 0,
      capped: false,
    });
    expect(result.reasons.overall.edited.top).toEqual([{ reason: 'currency', count: 1 }]);
    expect(result.reasons.byRule.map((group) => [group.rule, group.rejected.total, group.edited.total])).toEqual([
      ['r2', 3, 1],
      ['r1', 2, 0],
    ]);
  });

  it('keeps the reasons of 10,000 distinct rejections within the cap, and counts the rest', async () => {
    const counter = new ReasonCounter();
    for (let i = 0; i < 10_000; i++) counter.add(`reason number ${i}`);
    expect(counter.size).toBe(MAX_REASONS);
    const result = await report(times(10_000, (i) => ({ rules: ['r'], decision: 'rejected', reason: `reason number ${i}` })), { topReasons: 5 });
    const overall = result.reasons.overall.rejected;
    expect(overall).toMatchObject({ total: 10_000, withoutReason: 0, other: 9_995, capped: true });
    expect(overall.top).toHaveLength(5);
    expect(result.reasons.byRule[0]!.rejected).toMatchObject({ total: 10_000, other: 9_995, capped: true });
  });

  it('truncates a reason past 200 characters, so one long line cannot hold much memory', () => {
    const counter = new ReasonCounter();
    counter.add('x'.repeat(100_000));
    counter.add('X'.repeat(300));
    expect(counter.list(10)).toMatchObject({ total: 2, top: [{ reason: 'x'.repeat(200), count: 2 }] });
  });
});

describe('ReviewTally', () => {
  it('gives the same report fed line by line as reviewReport does from chunks', async () => {
    const specs: Spec[] = [{ decision: 'approved', turnaround: 30, rules: ['a'] }, { rules: ['b'] }, { decision: 'rejected', reason: 'no', rules: ['a'] }];
    const lines = specs.map(line);
    const tally = new ReviewTally();
    tally.startSource('history.jsonl');
    lines.forEach((text, i) => tally.addLine(text, i + 1));
    expect(tally.result()).toEqual(await report(lines));
  });

  it('reports a line too long to be a record as invalid, with its number', () => {
    const tally = new ReviewTally();
    tally.startSource('big.jsonl');
    const splitter = tally.lineSplitter();
    splitter.push(line({}) + '\n');
    splitter.push('x'.repeat((1 << 20) + 1));
    splitter.push('\n' + line({}) + '\n');
    splitter.end();
    const result = tally.result();
    expect(result.history).toMatchObject({ lines: 3, records: 2, invalid: { count: 1, examples: [{ source: 'big.jsonl', line: 2 }] } });
  });

  it.each([
    [{ ceremonial: { level: 1.5 } }, /ceremonial.level must be a share from 0 to 1, not 1.5/],
    [{ rubberStamp: { fastShare: Number.NaN } }, /rubberStamp.fastShare must be a share/],
    [{ rubberStamp: { minApprovals: 2.5 } }, /rubberStamp.minApprovals must be a whole number from 0, not 2.5/],
    [{ minRecords: -1 }, /minRecords must be a whole number/],
  ] as [ReviewReportOptions, RegExp][])('refuses the criterion %j before reading', (options, message) => {
    expect(() => new ReviewTally(options)).toThrow(message);
  });

  it('fills in the defaults a caller leaves out, and says which criteria applied', async () => {
    const result = await report([], { ceremonial: { minReviews: 50 }, rubberStamp: { fastShare: undefined } });
    expect(result.criteria).toEqual({
      since: null,
      until: null,
      minRecords: 30,
      ceremonial: { level: 0.98, minReviews: 50 },
      rubberStamp: { fastShare: 0.2, minApprovals: 20, approveAllLevel: 0.95 },
      topReasons: 10,
    });
  });

  it('lists at most `examples` invalid lines, and counts them all', () => {
    const tally = new ReviewTally({ examples: 2 });
    tally.startSource('bad.jsonl');
    for (let i = 1; i <= 5; i++) tally.addLine('{', i);
    expect(tally.result().history.invalid).toMatchObject({ count: 5, examples: [{ line: 1 }, { line: 2 }] });
  });

  it('gathers rules past the cap of 200 distinct ids under (other rules), never named ceremonial', async () => {
    const result = await report(times(250, (i) => ({ rules: [`rule-${i}`], decision: 'approved' })).concat(times(300, () => ({ rules: ['rule-x'], decision: 'approved' }))));
    expect(result.byRule).toHaveLength(201);
    expect(result.byRule.at(-1)).toMatchObject({ key: '(other rules)', records: 350 });
    expect(result.ceremonial.rules).toEqual([]);
  });

  it('keeps its output free of prototype surprises: a policy named __proto__ is a name like any other', async () => {
    const result = await report([{ policy: '__proto__' }, { policy: 'constructor' }], { policy: refunds() });
    expect(Object.entries(result.history.otherPolicies)).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
  });
});
