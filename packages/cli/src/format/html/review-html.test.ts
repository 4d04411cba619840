import { readFileSync } from 'node:fs';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { reviewReport, type ReviewReport, type ReviewReportOptions } from '@oversight/simulator';
import { describe, expect, it } from 'vitest';
import { formatReviewHtml } from './review-html.js';

const ROOT = new URL('../../../../../', import.meta.url);

/** The review report of a shipped history (policies/history/) under its policy (policies/). */
async function shippedReport(name: string, options: ReviewReportOptions = {}): Promise<ReviewReport> {
  const file = `policies/${name}.yaml`;
  const loaded = loadPolicy(readFileSync(new URL(file, ROOT), 'utf8'), file);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.diagnostics[0]?.message ?? 'does not load'}`);
  const source = `policies/history/${name}.history.jsonl`;
  const text = readFileSync(new URL(source, ROOT), 'utf8');
  return reviewReport([{ name: source, chunks: [text] }], { ...options, policy: compilePolicy(loaded.policy) });
}

/** The markup of the section with this id. */
function section(page: string, id: string): string {
  const start = page.indexOf(`<section class="card" id="${id}">`);
  expect(start, `section #${id}`).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf('</section>', start));
}

/** The table row of `table` (a class of the table) whose first cell holds `key` as written. */
function row(page: string, table: string, key: string): string {
  const start = page.indexOf(`<table class="data review-groups ${table}">`);
  expect(start, `table ${table}`).toBeGreaterThan(-1);
  const end = page.indexOf('</table>', start);
  const rows = page.slice(start, end).split('<tr').slice(1);
  const found = rows.find((candidate) => new RegExp(`^[^>]*><td>(<code>|<span[^>]*>)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<`).test(candidate));
  expect(found, `row ${key} of ${table}`).toBeDefined();
  return found ?? '';
}

const THIN = /class="thin"/g;
const SECTION_ORDER = ['ceremonial', 'rubber-stamping', 'downstream', 'trends', 'by-rule', 'by-role', 'by-reviewer', 'by-route', 'reasons', 'queue', 'history'];

// Every tag and attribute the page may contain. A string from the history that
// became markup would show up here as a tag or an attribute we never write.
const TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'nav', 'footer', 'section', 'div', 'p', 'h1', 'h2', 'h3', 'a', 'span', 'strong', 'code', 'br',
  'ul', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'figcaption', 'svg', 'g', 'rect', 'line', 'text',
]);
const ATTRIBUTES = new Set([
  'lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'href', 'title', 'role', 'aria-label', 'viewBox', 'width', 'height',
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'rx', 'text-anchor', 'data-value',
]);

/** Every `<` of the page as the tag it opens: name and attribute names. Throws at a `<` that opens no well-formed tag. */
function tags(page: string): { name: string; attributes: string[] }[] {
  const found: { name: string; attributes: string[] }[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>"'/]+(?:="[^"<>]*")?)*)\s*>/y;
  for (let at = page.indexOf('<'); at !== -1; at = page.indexOf('<', at + 1)) {
    if (page.startsWith('<!doctype html>', at)) continue;
    tag.lastIndex = at;
    const match = tag.exec(page);
    if (match === null) throw new Error(`not a tag at ${at}: ${page.slice(at, at + 80)}`);
    const attributes = [...(match[3] ?? '').matchAll(/\s+([^\s=>"'/]+)(?:="[^"]*")?/g)].map((attribute) => attribute[1] ?? '');
    found.push({ name: match[2] ?? '', attributes });
  }
  return found;
}

describe('formatReviewHtml on support-refunds', async () => {
  const report = await shippedReport('support-refunds');
  const page = formatReviewHtml(report);

  it('writes one complete, self-contained HTML5 document: no script, no link, no image, no URL', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(page).toContain('<title>Review report: support-refunds v4</title>');
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/\bsrc=|url\(|@import/i);
    expect(page).toContain('content="default-src &#39;none&#39;;');
  });

  it('has every section, in the order an ops lead reads them, each linked from the contents', () => {
    const positions = SECTION_ORDER.map((id) => page.indexOf(`<section class="card" id="${id}">`));
    expect(positions.every((position) => position > -1)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const id of SECTION_ORDER) expect(page).toContain(`<a href="#${id}">`);
    expect(page.indexOf('<header class="page-head">')).toBeLessThan(positions[0] ?? 0);
  });

  it('says what the history covers in the headline: records, period, source, policy', () => {
    const head = page.slice(page.indexOf('<header'), page.indexOf('</header>'));
    expect(head).toContain('Review report: support-refunds v4');
    expect(head).toContain('20,000 records from <span title="2026-10-02T00:00:52Z">2026-10-02</span> to <span title="2026-10-31T23:51:45Z">2026-10-31</span>');
    expect(head).toContain('<code>policies/history/support-refunds.history.jsonl</code>');
  });

  it('names the rubber-stamping reviewer with their signs and figures', () => {
    const stamps = section(page, 'rubber-stamping');
    expect(stamps).toContain('rui@support.example');
    expect(stamps).toContain('approves fast');
    expect(stamps).toContain('approves everything');
    expect(stamps).toContain('1,589 of 1,589 reviews');
    expect(stamps).toContain('37 s');
    expect(stamps).toContain('median of 1,544 timed approvals');
    expect(stamps).toContain('median of 6,238 timed approvals by others in the role');
    // The reviewer table marks them too, and links to the finding.
    expect(row(page, 'by-reviewer', 'rui@support.example')).toContain('rubber stamp?');
    expect(row(page, 'by-reviewer', 'ana@support.example')).not.toContain('rubber stamp?');
  });

  it('says plainly when no checkpoint is ceremonial, with the criteria', () => {
    const ceremonial = section(page, 'ceremonial');
    expect(ceremonial).toContain('none found');
    expect(ceremonial).toContain('at least <strong>30</strong>');
    expect(ceremonial).toContain('above <strong>98.0%</strong>');
  });

  it('compares downstream errors of automatic and human-approved decisions, with their intervals', () => {
    const downstream = section(page, 'downstream');
    expect(downstream).toContain('57 of 6,490 with a known result');
    expect(downstream).toContain('68 of 6,627 with a known result');
    expect(downstream).toContain('38 of 450 automatic decisions sampled');
    expect(downstream).toMatch(/95% interval \d/);
    expect(downstream).toContain('cannot be told apart');
  });

  it('draws the weekly trends as two bar charts and the queue as one chart a role', () => {
    const trends = section(page, 'trends');
    expect(trends.match(/<svg class="bar-chart"/g)).toHaveLength(2);
    expect(trends).toContain('Records and reviews per week');
    expect(trends).toContain('Approval and rejection rate of reviews per week');
    expect(section(page, 'queue').match(/<svg class="hour-chart"/g)).toHaveLength(report.queueByHour.length);
  });

  it('shows each role with its SLA and the reviews over it', () => {
    const lead = row(page, 'by-role', 'support-lead');
    expect(lead).toContain('<strong>4 h</strong>');
    expect(lead).toContain('9,491');
    expect(row(page, 'by-role', 'finance-controller')).toContain('<strong>2 d</strong>');
  });

  it('lists the top rejection and edit reasons', () => {
    const reasons = section(page, 'reasons');
    expect(reasons).toContain('item already returned and refunded');
    expect(reasons).toContain('currency corrected to the order currency');
  });

  it('marks the figures on too few records, and only those', () => {
    expect(page.match(THIN)?.length ?? 0).toBeGreaterThan(0);
    // No record went to finance-controller or review_after: their record counts are thin.
    expect(row(page, 'by-role', 'finance-controller')).toMatch(THIN);
    expect(row(page, 'by-route', 'review_after')).toMatch(THIN);
    // Thousands of records: nothing marked.
    expect(row(page, 'by-role', 'support-lead')).not.toMatch(THIN);
    expect(row(page, 'by-rule', 'refund-needs-approval')).not.toMatch(THIN);
  });

  it('shows a thin figure with its mark rather than hiding it', async () => {
    const strict = formatReviewHtml(await shippedReport('support-refunds', { minRecords: 500 }));
    // dara has 112 reviews: every rate of theirs is thin at 500, and each is shown, marked.
    const dara = row(strict, 'by-reviewer', 'dara@support.example');
    expect(dara).toContain('84.8%');
    expect(dara).toContain('4.46%');
    expect(dara.match(THIN)?.length).toBe(1 + 5 + 1);
    expect(strict).toContain('fewer than 500 records');
  });
});

describe('formatReviewHtml on sales-outreach', async () => {
  const report = await shippedReport('sales-outreach');
  const page = formatReviewHtml(report);

  it('names the ceremonial checkpoint with its evidence', () => {
    const ceremonial = section(page, 'ceremonial');
    expect(ceremonial).toContain('<code>high-value-account</code>');
    expect(ceremonial).toContain('1 found');
    expect(ceremonial).toContain('782 of 782 judged');
    expect(ceremonial).toContain('1 of 573 approved with a known result');
    expect(ceremonial).toContain('20 of 1,049 automatic with a known result');
    expect(row(page, 'by-rule', 'high-value-account')).toContain('ceremonial');
    expect(row(page, 'by-rule', 'pricing-claims')).not.toContain('ceremonial');
  });

  it('says plainly that no reviewer was named, with the criteria', () => {
    const stamps = section(page, 'rubber-stamping');
    expect(stamps).toContain('none found');
    expect(stamps).toContain('below <strong>20.0%</strong>');
  });

  it('marks the thin rule embargoed-country (13 records)', () => {
    expect(row(page, 'by-rule', 'embargoed-country')).toMatch(THIN);
  });
});

describe('formatReviewHtml on hostile input', async () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '<img src=x onerror=alert(1)>';
  const SVG = '<svg onload=alert(1)>';
  const QUOTE = '"><b onmouseover=alert(1)>x</b>';
  let id = 0;
  const line = (fields: Record<string, unknown>): string =>
    JSON.stringify({ decisionId: `d-${++id}`, at: '2026-10-06T12:00:00Z', policy: { name: QUOTE, version: 1 }, facts: {}, route: 'auto', rules: [], ...fields });
  const outcome = (decision: string, reviewerId: string, turnaround: number, reason?: string) => ({
    route: 'approve_before',
    rules: [IMG],
    outcome: { decision, reviewer: SVG, reviewerId, turnaroundSeconds: turnaround, ...(reason === undefined ? {} : { reason }) },
    downstream: { error: false },
  });
  const lines = [
    // Automatic decisions with a known result, to compare approvals with.
    ...Array.from({ length: 300 }, (_, index) => line({ rules: [QUOTE], downstream: { error: index % 30 === 0 } })),
    // A reviewer who approves everything in 5 s, and two careful peers in the same role who take ten minutes.
    ...Array.from({ length: 250 }, () => line(outcome('approved', SCRIPT, 5))),
    ...Array.from({ length: 60 }, () => line(outcome('approved', IMG, 600))),
    ...Array.from({ length: 60 }, () => line(outcome('approved', QUOTE, 620))),
    line({ ...outcome('rejected', QUOTE, 700, SCRIPT), rules: [SCRIPT] }),
    line({ ...outcome('edited', QUOTE, 700, IMG), rules: [SCRIPT] }),
    `{"decisionId": "${SCRIPT}", "at": ${IMG}`,
    line({ decisionId: 'd-1' }),
  ];
  const report = await reviewReport([{ name: `${QUOTE}${SCRIPT}.jsonl`, chunks: [lines.join('\n') + '\n'] }]);
  const page = formatReviewHtml(report);

  it('builds a report where every hostile string reaches the page', () => {
    expect(report.rubberStamping.reviewers.map((reviewer) => reviewer.reviewerId)).toContain(SCRIPT);
    expect(report.ceremonial.rules.map((rule) => rule.rule)).toContain(IMG);
    expect(report.reasons.overall.rejected.top.map((reason) => reason.reason)).toEqual([SCRIPT]);
    expect(report.history.invalid.count).toBe(1);
    expect(report.history.duplicates.count).toBe(1);
  });

  it('contains no tag and no attribute from the history: each shows as text', () => {
    expect(page).not.toMatch(/<(script|img|b)\b/i);
    expect(page).not.toMatch(/<svg onload/i);
    for (const found of tags(page)) {
      expect(TAGS, `tag <${found.name}>`).toContain(found.name);
      for (const attribute of found.attributes) expect(ATTRIBUTES, `attribute ${attribute} of <${found.name}>`).toContain(attribute);
    }
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;svg onload=alert(1)&gt;');
    expect(page).toContain('&quot;&gt;&lt;b onmouseover=alert(1)&gt;x&lt;/b&gt;');
  });

  it('still names the hostile reviewer and rule where they belong', () => {
    expect(section(page, 'rubber-stamping')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(section(page, 'ceremonial')).toContain('<code>&lt;img src=x onerror=alert(1)&gt;</code>');
    expect(section(page, 'history')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.jsonl');
  });
});
