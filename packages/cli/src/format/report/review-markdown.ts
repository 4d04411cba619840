import type { GroupFigures, Rate, ReviewReport, RoleFigures, Turnaround } from '@oversight/simulator';
import { formatCount, formatRate, formatSeconds } from '../numbers.js';
import { markdownTable } from './markdown-table.js';
import { markdownCode as code, markdownText as text } from './markdown-text.js';

export type ReviewGrouping = 'rule' | 'role' | 'reviewer' | 'route' | 'week';

const FEW = ' ⚠️';

/**
 * What reviewers did, as an ops lead reads it in a ticket or a pull request:
 * the findings first (ceremony, rubber stamps, whether review catches errors),
 * then the table of the chosen grouping. Every figure names the records it
 * rests on, and a figure on too few records is marked ⚠️, never hidden. Every
 * string from the history is escaped.
 */
export function formatReviewMarkdown(report: ReviewReport, by: ReviewGrouping = 'rule'): string {
  const { history, criteria } = report;
  const out: string[] = [`## Oversight review report${report.policy === null ? '' : `: ${code(report.policy.name)} v${report.policy.version}`}`, ''];
  out.push(
    `${formatCount(history.records)} decisions from ${history.period.first ?? '—'} to ${history.period.last ?? '—'} (${history.sources.map(code).join(', ')}).` +
      (history.invalid.count > 0 ? ` ${formatCount(history.invalid.count)} line(s) could not be read.` : '') +
      (history.logEvents > 0 ? ` ${formatCount(history.logEvents)} decision log event(s) skipped.` : '') +
      (Object.keys(history.otherPolicies).length > 0 ? ` Records of other policies, not counted: ${Object.entries(history.otherPolicies).map(([name, n]) => `${code(name)} ${formatCount(n)}`).join(', ')}.` : ''),
    `Figures on fewer than ${formatCount(criteria.minRecords)} records are marked${FEW}.`,
  );

  out.push('', '### Ceremonial checkpoints', '');
  const ceremonial = report.ceremonial;
  if (ceremonial.rules.length === 0) {
    out.push(`None: no rule was approved unchanged at a rate whose 95% lower bound is above ${formatRate(ceremonial.level)} over at least ${formatCount(ceremonial.minReviews)} reviews.`);
  } else {
    out.push(`Reviews a person approves unchanged (95% lower bound above ${formatRate(ceremonial.level)}, at least ${formatCount(ceremonial.minReviews)} reviews), with approved decisions failing no more often later than automatic ones: the review adds latency, not judgment.`, '');
    out.push(
      markdownTable(
        ['rule', 'reviews', 'approved unchanged', 'approved that failed later', 'automatic that failed later'],
        ceremonial.rules.map((rule) => [code(rule.rule), formatCount(rule.reviews), rate(rule.approvedUnchanged), rule.downstreamCompared ? rate(rule.approvedDownstreamErrors) : 'not known', rate(ceremonial.autoDownstreamErrors)]),
      ),
    );
  }

  out.push('', '### Rubber-stamping signals', '');
  const stamps = report.rubberStamping;
  if (stamps.reviewers.length === 0) out.push(`None: no reviewer approves in under ${formatRate(stamps.fastShare)} of their peers' median time, or approves everything, over at least ${formatCount(stamps.minApprovals)} approvals.`);
  else {
    out.push(
      markdownTable(
        ['reviewer', 'role', 'signs', 'reviews', 'approved', 'median time to approve', "peers' median"],
        stamps.reviewers.map((reviewer) => [
          text(reviewer.reviewerId),
          code(reviewer.role),
          reviewer.signs.join(', '),
          formatCount(reviewer.reviews),
          rate(reviewer.approvals),
          formatSeconds(reviewer.medianApproveSeconds),
          formatSeconds(reviewer.peerMedianApproveSeconds),
        ]),
        3,
      ),
    );
  }

  out.push('', '### Is review catching errors?', '');
  out.push(
    markdownTable(
      ['decisions', 'failed later (of those with a known result)'],
      [
        ['automatic', rate(report.downstream.auto)],
        ['automatic, QA-sampled and found wrong', rate(report.downstream.qa)],
        ['approved by a person', rate(report.downstream.humanApproved)],
      ],
    ),
  );

  out.push('', `### By ${by}`, '');
  out.push(groupTable(by === 'week' ? report.byWeek : by === 'role' ? report.byRole : by === 'reviewer' ? report.byReviewer : by === 'route' ? report.byRoute : report.byRule, by));

  const reasons = report.reasons.overall;
  if (reasons.rejected.top.length + reasons.edited.top.length > 0) {
    out.push('', '### Reasons', '');
    out.push(
      markdownTable(
        ['outcome', 'reason', 'times'],
        [
          ...reasons.rejected.top.map((reason) => ['rejected', text(reason.reason), formatCount(reason.count)]),
          ...reasons.edited.top.map((reason) => ['edited', text(reason.reason), formatCount(reason.count)]),
        ],
        2,
      ),
    );
  }
  return out.join('\n') + '\n';
}

function groupTable(groups: readonly (GroupFigures | RoleFigures)[], by: ReviewGrouping): string {
  const withSla = by === 'role';
  const header = [by, 'records', 'reviews', 'approved', 'rejected', 'edited', 'escalated', 'expired', 'turnaround median / p90', ...(withSla ? ['SLA breaches'] : [])];
  const rows = groups
    .filter((group) => group.records > 0)
    .map((group) => [
      by === 'rule' || by === 'role' || by === 'route' ? code(group.key) : text(group.key),
      `${formatCount(group.records)}${group.thin ? FEW : ''}`,
      formatCount(group.reviews),
      rate(group.outcomes.approved),
      rate(group.outcomes.rejected),
      rate(group.outcomes.edited),
      rate(group.outcomes.escalated),
      rate(group.outcomes.expired),
      turnaround(group.turnaround),
      ...(withSla ? [(group as RoleFigures).slaBreaches === null ? '—' : rate((group as RoleFigures).slaBreaches!)] : []),
    ]);
  return markdownTable(header, rows);
}

/** A rate with the count it rests on: `97.2% (35 of 36)`, marked when thin; `—` with nothing to rest on. */
function rate(value: Rate): string {
  if (value.of === 0 || value.rate === null) return '—';
  return `${formatRate(value.rate)} (${formatCount(value.count)} of ${formatCount(value.of)})${value.thin ? FEW : ''}`;
}

function turnaround(value: Turnaround): string {
  if (value.of === 0) return '—';
  return `${formatSeconds(value.median)} / ${formatSeconds(value.p90)}${value.thin ? FEW : ''}`;
}
