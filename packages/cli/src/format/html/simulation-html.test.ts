import { describe, expect, it } from 'vitest';
import { loadSimulationReport } from '../../../test/report-fixtures.js';
import { formatSimulationHtml } from './simulation-html.js';

interface MatrixCell {
  from: string;
  to: string;
  count: number;
  text: string;
  diagonal: boolean;
}

/** The cells of each route-change matrix on the page, in reading order. */
function matrices(page: string): MatrixCell[][] {
  return page
    .split('<table class="route-matrix">')
    .slice(1)
    .map((table) =>
      [...table.matchAll(/<td class="(cell[^"]*)" data-from="([^"]+)" data-to="([^"]+)" data-count="(\d+)"[^>]*>([^<]*)<\/td>/g)].map((match) => ({
        diagonal: (match[1] ?? '').split(' ').includes('diagonal'),
        from: match[2] ?? '',
        to: match[3] ?? '',
        count: Number(match[4]),
        text: match[5] ?? '',
      })),
    );
}

/** The table row that starts with the given role. */
function roleRow(page: string, role: string): string {
  const start = page.indexOf(`<code>${role}</code></td>`);
  expect(start).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf('</tr>', start));
}

describe('formatSimulationHtml', () => {
  const report = loadSimulationReport();
  const page = formatSimulationHtml(report);

  it('writes one complete HTML5 document', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
  });

  it('loads nothing and runs nothing: no URL, script, link, image, frame or CSS url()', () => {
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/\bsrc=|url\(|@import/i);
    expect(page).toContain('content="default-src &#39;none&#39;;');
  });

  it('shows a report\'s own URL as text, never as a link or a source', () => {
    const withUrl = loadSimulationReport();
    const example = withUrl.comparisons[0]?.escapes.examples[0];
    if (example === undefined) throw new Error('fixture has no escape example');
    example.reason = 'see https://support.example.com/case/55821';
    const text = formatSimulationHtml(withUrl);
    expect(text).toContain('see https://support.example.com/case/55821');
    expect(text).not.toMatch(/(href|src|action)=["']?https?:/i);
  });

  it('escapes <script> in a reason, a rule id and a policy label, so it shows as text', () => {
    const hostile = loadSimulationReport();
    const comparison = hostile.comparisons[0];
    const example = comparison?.escapes.examples[0];
    if (comparison === undefined || example === undefined) throw new Error('fixture has no escape example');
    const attack = '<script>alert("x")</script>';
    example.reason = `reason ${attack}`;
    example.rule = `rule-${attack}`;
    comparison.candidate.ruleHits[`rule-${attack}`] = 3;
    comparison.candidate.policy.label = `label ${attack}`;
    hostile.verdict.warnings.push(`warning ${attack}`);
    hostile.verdict.breaches.push({ candidate: attack, budget: 'max-escapes', limit: attack, actual: attack, message: attack });
    const text = formatSimulationHtml(hostile);
    expect(text).not.toContain('<script>');
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';
    for (const shown of [`reason ${escaped}`, `rule-${escaped}`, `label ${escaped}`, `warning ${escaped}`]) expect(text).toContain(shown);
  });

  it('puts the verdict first and names each breached budget', () => {
    const banner = page.indexOf('class="banner fail"');
    expect(banner).toBeGreaterThan(-1);
    expect(banner).toBeLessThan(page.indexOf('id="history"'));
    expect(page).toContain('>FAIL<');
    expect(page).toContain('3 budget breaches.');
    for (const breach of report.verdict.breaches) {
      expect(page).toContain(`budget <code>${breach.budget}</code> · actual <strong>${breach.actual}</strong> · limit ${breach.limit}`);
      expect(page).toContain(breach.message);
    }
    expect(page).toContain('candidate <code>baseline + autoRefundMax=100</code> · budget <code>max-escapes</code>');
    expect(page).toContain('the history · budget <code>allow-invalid</code>');
  });

  it('shows a passing verdict in green without breaches or alerts', () => {
    const passing = loadSimulationReport();
    passing.verdict = { pass: true, checked: ['allow-invalid 0', 'records 1'], breaches: [], warnings: [] };
    const text = formatSimulationHtml(passing);
    expect(text).toContain('class="banner pass"');
    expect(text).toContain('>PASS<');
    expect(text).not.toContain('class="alert');
  });

  it('lists warnings in an orange box when fidelity is fine', () => {
    const warned = loadSimulationReport();
    warned.verdict.warnings = ['first warning', 'second warning'];
    const text = formatSimulationHtml(warned);
    expect(text).toContain('<div class="alert warn" role="status"><strong class="alert-title">2 warnings</strong><ul><li>first warning</li><li>second warning</li></ul></div>');
  });

  it('raises one red alert right after the verdict when fidelity is low, with the simulator\'s warnings inside', () => {
    expect(page).not.toContain('Low replay fidelity');
    const low = loadSimulationReport();
    low.fidelity = { ...low.fidelity, reproduced: 16078, rate: 16078 / 20097 };
    low.verdict.warnings = ['the baseline reproduces only 80% of recorded routes'];
    const text = formatSimulationHtml(low);
    const alert = text.indexOf('<div class="alert bad" role="alert">');
    expect(alert).toBeGreaterThan(text.indexOf('class="banner'));
    expect(alert).toBeLessThan(text.indexOf('id="overview"'));
    expect(text.match(/class="alert /g)).toHaveLength(1);
    expect(text).toContain('Low replay fidelity: 80.0%');
    expect(text).toContain('4,019 of 20,097 replayed records do not reproduce their recorded route');
    expect(text).toContain('<li>the baseline reproduces only 80% of recorded routes</li>');
  });

  it('says so loudly when nothing was replayed', () => {
    const empty = loadSimulationReport();
    empty.fidelity = { reproduced: 0, of: 0, rate: null, mismatches: [] };
    const text = formatSimulationHtml(empty);
    expect(text).toContain('<div class="alert bad" role="alert"><strong class="alert-title">No record was replayed</strong>');
  });

  it('fills each route-change matrix with the report\'s counts, 25 cells, diagonal marked', () => {
    const found = matrices(page);
    expect(found).toHaveLength(report.comparisons.length);
    report.comparisons.forEach((comparison, index) => {
      const cells = found[index] ?? [];
      const { routes, matrix } = comparison.routeChanges;
      expect(cells).toHaveLength(25);
      const expected = routes.flatMap((from, row) => routes.map((to, column) => ({ from, to, count: matrix[row]?.[column] })));
      expect(cells.map(({ from, to, count }) => ({ from, to, count }))).toEqual(expected);
      expect(cells.filter((cell) => cell.diagonal).every((cell) => cell.from === cell.to)).toBe(true);
      expect(cells.filter((cell) => cell.diagonal)).toHaveLength(5);
    });
    const moved = found[0]?.find((cell) => cell.from === 'approve_before' && cell.to === 'auto');
    expect(moved).toMatchObject({ count: 2310, text: '2,310', diagonal: false });
  });

  it('writes "unknown" where reviewer-hours are null', () => {
    const row = roleRow(page, 'finance-controller');
    expect(row.match(/<span class="unknown">unknown<\/span>/g)).toHaveLength(3);
    const noHours = loadSimulationReport();
    noHours.baseline.reviewerHours = null;
    const text = formatSimulationHtml(noHours);
    expect(roleRow(text, 'support-lead')).toContain('2,623.3 h');
    expect(text).toMatch(/Reviewer-hours<\/td><td class="num"><span class="unknown">unknown<\/span>/);
  });

  it('lists the lines that repeat a decision in the history section, each with the line read first', () => {
    expect(page).toContain('<dt>Duplicate decisions</dt><dd>0</dd>');
    expect(page).not.toContain('<h3>Duplicate decisions</h3>');
    const report = loadSimulationReport();
    report.history.duplicates = {
      count: 3,
      examples: [{ source: 'history/support-refunds-2026-q3.jsonl', line: 9000, decisionId: 'd-sr-<b>42</b>', first: { source: 'history/support-refunds-2026-q3.jsonl', line: 42 } }],
    };
    const text = formatSimulationHtml(report);
    expect(text).toContain('<h3>Duplicate decisions</h3><p>3 lines repeat the decision id of an earlier line.');
    expect(text).toMatch(/<code title="[^"]*:9000">9000<\/code>.*<code>d-sr-&lt;b&gt;42&lt;\/b&gt;<\/code>.*<code title="[^"]*:42">42<\/code>/s);
    expect(text).toContain('Showing 1 of 3.');
  });

  it('formats numbers for people', () => {
    expect(page).toContain('20,097');
    expect(page).toContain('11,645.5 h');
    expect(page).toContain('\u22122,310 (\u221223.7%)');
    expect(page).toContain('4.68%');
    expect(page).toContain('3.89% \u2013 5.61%');
    expect(page).toContain('0.9 \u2013 3.8');
  });

  it('draws two bar charts a candidate: routes and reviewer-hours', () => {
    expect(page.match(/<svg class="bar-chart"/g)).toHaveLength(2 * report.comparisons.length);
  });

  it('lists every rule with its hits under the baseline and the candidate', () => {
    const comparison = report.comparisons[0];
    if (comparison === undefined) throw new Error('fixture has no candidate');
    for (const [rule, hits] of Object.entries(report.baseline.ruleHits)) {
      const candidateHits = comparison.candidate.ruleHits[rule] ?? 0;
      expect(page).toMatch(new RegExp(`<code>${rule}</code></td><td class="num">${hits.toLocaleString('en-US')}</td><td class="num">${candidateHits.toLocaleString('en-US')}</td>`));
    }
  });
});
