import type { Rate, ReviewReport, RubberStampSign } from '@oversight/simulator';
import { formatCount, formatRate, formatSeconds } from '../numbers.js';
import { badge, card, statGrid, type Stat, type Tone } from './blocks.js';
import { html, type HtmlValue, type SafeHtml } from './html.js';
import { intervalText, thinMark } from './review-cells.js';

// The three findings an ops lead reads first: which checkpoints are ceremony,
// which reviewers look like rubber stamps, and whether review catches errors at
// all. Each names its subject and shows the evidence, or says plainly that
// nothing was found and by which criteria.

const SIGN_TEXT: Record<RubberStampSign, string> = {
  fast: 'approves fast',
  'approves-all': 'approves everything',
};

function noneFound(text: SafeHtml): SafeHtml {
  return html`<p>${badge('none found', 'ok')} ${text}</p>`;
}

/** A rate as a headline figure: the percent, then what it rests on and its 95% interval, and the mark when thin. */
function rateStat(label: string, rate: Rate, noun: string, minRecords: number, tone?: Tone): Stat {
  const value = rate.rate === null ? html`<span class="unknown">unknown</span>` : formatRate(rate.rate);
  const rests = rate.of === 0 ? html`no ${noun}` : html`${formatCount(rate.count)} of ${formatCount(rate.of)} ${noun}<br>95% interval ${intervalText(rate)}`;
  return { label, value, detail: html`${rests}${rate.thin && rate.of > 0 ? html`<br>${thinMark(minRecords)}` : ''}`, ...(tone === undefined ? {} : { tone }) };
}

/** A count as a headline figure, marked when the figures beside it rest on it and it is small. */
function countStat(label: string, count: number, detail: HtmlValue, minRecords: number): Stat {
  return { label, value: formatCount(count), detail: html`${detail}${count < minRecords ? html`<br>${thinMark(minRecords)}` : ''}` };
}

/** Rules whose reviews add latency, not judgment: each with its reviews, approved-unchanged rate and the downstream comparison. */
export function ceremonialSection(report: ReviewReport): SafeHtml {
  const { ceremonial } = report;
  const { minRecords } = report.criteria;
  const criteria = html`A rule is named when at least <strong>${formatCount(ceremonial.minReviews)}</strong> of its matches were routed to a person and judged (approved, rejected or edited; with a policy, only matches on the route the rule itself sets, so these figures can differ from the By rule table), the 95% lower bound of the share approved unchanged is above <strong>${formatRate(ceremonial.level)}</strong>, and its approved decisions do not credibly fail later more often than automatic ones (the lower bound of theirs above the upper bound of automatic).`;
  if (ceremonial.rules.length === 0) {
    return card('ceremonial', html`Ceremonial checkpoints`, html`${noneFound(html`No rule’s reviews look like ceremony in this history.`)}<p class="note">${criteria}</p>`);
  }
  const auto = ceremonial.autoDownstreamErrors;
  const rules = ceremonial.rules.map((rule) => {
    const compared = rule.downstreamCompared
      ? html`<p class="note">What people approve under <code>${rule.rule}</code> fails downstream no more credibly often than what runs automatically.</p>`
      : html`<p class="note">${badge('downstream not compared', 'warn')} No downstream result on one side: no evidence that approvals under <code>${rule.rule}</code> are riskier, and no evidence that they are safe.</p>`;
    const stats = statGrid([
      countStat('Human reviews', rule.reviews, 'matches routed to a person and judged', minRecords),
      rateStat('Approved unchanged', rule.approvedUnchanged, 'judged', minRecords, 'warn'),
      rateStat('Approved, then failed downstream', rule.approvedDownstreamErrors, 'approved with a known result', minRecords),
      rateStat('Automatic, failed downstream', auto, 'automatic with a known result', minRecords),
    ]);
    return html`<div class="finding ceremonial-rule"><h3><code>${rule.rule}</code></h3>${stats}${compared}</div>`;
  });
  const count = ceremonial.rules.length;
  return card(
    'ceremonial',
    html`Ceremonial checkpoints ${badge(`${formatCount(count)} found`, 'warn')}`,
    html`<p>People approve ${count === 1 ? 'this rule’s decisions' : 'these rules’ decisions'} as proposed almost every time, and what they approve fails later no more often than what already runs alone: the review adds waiting, not judgment. Consider automating with QA sampling, or asking reviewers for something only they can check.</p>${rules}<p class="note">${criteria}</p>`,
  );
}

function signBadges(signs: readonly RubberStampSign[]): SafeHtml {
  return html`${signs.map((sign) => html` ${badge(SIGN_TEXT[sign], 'warn')}`)}`;
}

function timeStat(label: string, seconds: number | null, timed: number, noun: string, minRecords: number, extra: HtmlValue, tone?: Tone): Stat {
  const value = seconds === null ? html`<span class="unknown">unknown</span>` : formatSeconds(seconds);
  const thin = timed > 0 && timed < minRecords ? html`<br>${thinMark(minRecords)}` : '';
  return { label, value, detail: html`median of ${formatCount(timed)} ${noun}${extra}${thin}`, ...(tone === undefined ? {} : { tone }) };
}

/** Reviewers who approve much faster than their peers, or approve everything: each with the figures behind each sign. */
export function rubberStampSection(report: ReviewReport): SafeHtml {
  const stamps = report.rubberStamping;
  const { minRecords } = report.criteria;
  const criteria = html`A reviewer is named, per role, for approving <strong>fast</strong> (median time to approve below <strong>${formatRate(stamps.fastShare)}</strong> of everyone else’s in the role, each over at least ${formatCount(stamps.minApprovals)} timed approvals) or for <strong>approving everything</strong> (over at least ${formatCount(stamps.minApprovals)} reviews, the 95% lower bound of their approval rate at or above ${formatRate(stamps.approveAllLevel)}).`;
  const unassessed =
    stamps.unassessedReviews === 0 ? html`` : html`<p class="note">${formatCount(stamps.unassessedReviews)} reviews by people past the cap on distinct reviewers were not judged.</p>`;
  if (stamps.reviewers.length === 0) {
    return card('rubber-stamping', html`Rubber-stamping signals`, html`${noneFound(html`No reviewer approves much faster than their peers or approves everything.`)}<p class="note">${criteria}</p>${unassessed}`);
  }
  const reviewers = stamps.reviewers.map((reviewer) => {
    const fast = reviewer.signs.includes('fast');
    const share = reviewer.speedShare === null ? '' : html`<br>theirs is <strong>${formatRate(reviewer.speedShare)}</strong> of it`;
    const stats = statGrid([
      countStat('Reviews', reviewer.reviews, html`theirs in the role <code>${reviewer.role}</code>`, minRecords),
      rateStat('Approved', reviewer.approvals, 'reviews', minRecords, reviewer.signs.includes('approves-all') ? 'warn' : undefined),
      timeStat('Time to approve', reviewer.medianApproveSeconds, reviewer.approvalsTimed, 'timed approvals', minRecords, '', fast ? 'warn' : undefined),
      timeStat('Peers’ time to approve', reviewer.peerMedianApproveSeconds, reviewer.peerApprovalsTimed, 'timed approvals by others in the role', minRecords, share),
    ]);
    return html`<div class="finding rubber-stamp"><h3>${reviewer.reviewerId} <span class="muted">in</span> <code>${reviewer.role}</code>${signBadges(reviewer.signs)}</h3>${stats}</div>`;
  });
  const count = stamps.reviewers.length;
  return card(
    'rubber-stamping',
    html`Rubber-stamping signals ${badge(`${formatCount(count)} ${count === 1 ? 'reviewer' : 'reviewers'}`, 'warn')}`,
    html`<p>A sign is not proof: a reviewer may see easier cases or know them well. But a checkpoint is only as good as the look it gets, so each is worth a conversation and a sample of their approvals.</p>${reviewers}<p class="note">${criteria}</p>${unassessed}`,
  );
}

interface Comparison {
  tone: Tone | 'info';
  /** The badge: the finding in a few words. */
  word: string;
  text: SafeHtml;
}

/** Whether human-approved decisions fail later credibly less, credibly more, or indistinguishably often than automatic ones. */
function compare(auto: Rate, human: Rate): Comparison {
  if (auto.low === null || auto.high === null || human.low === null || human.high === null) {
    const missing = auto.of === 0 && human.of === 0 ? 'either side' : auto.of === 0 ? 'automatic decisions' : 'human-approved decisions';
    return { tone: 'info', word: 'no data', text: html`No downstream result is recorded for ${missing}, so this history cannot say.` };
  }
  if (human.high < auto.low) {
    return { tone: 'ok', word: 'fewer failures after review', text: html`Human-approved decisions fail later <strong>less often</strong> than automatic ones, and the 95% intervals do not overlap.` };
  }
  if (human.low > auto.high) {
    return { tone: 'bad', word: 'more failures after review', text: html`Human-approved decisions fail later <strong>more often</strong> than automatic ones, and the 95% intervals do not overlap. Riskier cases go to people, so this need not mean reviewers miss errors; but check what they are shown and asked to confirm.` };
  }
  return { tone: 'info', word: 'no measurable difference', text: html`The two 95% intervals overlap: on this history, decisions a person approved and decisions that ran alone fail later at rates that <strong>cannot be told apart</strong>.` };
}

/** Downstream failures after automatic and after human-approved decisions, with intervals, and what QA sampling found. */
export function downstreamSection(report: ReviewReport): SafeHtml {
  const { auto, humanApproved, qa } = report.downstream;
  const { minRecords } = report.criteria;
  const verdict = compare(auto, humanApproved);
  const stats = statGrid([
    rateStat('Automatic, failed downstream', auto, 'with a known result', minRecords),
    rateStat('Human-approved, failed downstream', humanApproved, 'with a known result', minRecords, verdict.tone === 'info' ? undefined : verdict.tone),
    rateStat('QA samples found wrong', qa, 'automatic decisions sampled', minRecords),
  ]);
  const qaText =
    qa.of === 0
      ? html`No automatic decision was QA-sampled with a verdict.`
      : html`QA reviewers sampled ${formatCount(qa.of)} automatic decisions and rejected or corrected ${formatCount(qa.count)} of them: errors automation made that a person caught.`;
  return card(
    'downstream',
    html`Is review catching errors?`,
    html`<p>${badge(verdict.word, verdict.tone)} ${verdict.text}</p>${stats}<p class="note">${qaText} Automatic decisions are the ones the policy judged safe to run alone, so the two groups differ in risk as well as in review: read the comparison as a check, not as an experiment.</p>`,
  );
}
