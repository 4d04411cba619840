// Opens the review report page in a real browser (Debian's headless chromium,
// driven by playwright-core, launched as html-report.browser.test.ts does) and
// checks what an ops lead would see: nothing fails to load, nothing reaches for
// the network, the charts are drawn with real size, and the findings are on
// screen with their names. The full-page screenshot is kept as
// review-report.png in OVERSIGHT_SCREENSHOT_DIR, else in the system temp
// directory (/tmp/review-report.png on Debian).
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { reviewReport, type ReviewReport } from '@oversight/simulator';
import type { Locator } from 'playwright-core';
import { countSized, ReportBrowser, type OpenedPage } from './report-browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReviewHtml } from '../src/format/html/review-html.js';

const BROWSER_TIMEOUT = 60_000;
const ROOT = new URL('../../../', import.meta.url);

type Opened = OpenedPage;

const browser = new ReportBrowser('The review report browser test');
let workDir = '';
let screenshotDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'oversight-review-report-'));
  screenshotDir = process.env.OVERSIGHT_SCREENSHOT_DIR ?? tmpdir();
  await mkdir(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser.close();
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

/** The review report of a shipped history (policies/history/) under its policy (policies/). */
async function shippedReport(name: string): Promise<ReviewReport> {
  const file = `policies/${name}.yaml`;
  const loaded = loadPolicy(readFileSync(new URL(file, ROOT), 'utf8'), file);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.diagnostics[0]?.message ?? 'does not load'}`);
  const source = `policies/history/${name}.history.jsonl`;
  return reviewReport([{ name: source, chunks: [readFileSync(new URL(source, ROOT), 'utf8')] }], { policy: compilePolicy(loaded.policy) });
}

/** Writes a page to disk and opens it over file://, refusing (and recording) any request for anything else. */
function openReport(name: string, html: string): Promise<Opened> {
  return browser.open(workDir, name, html);
}


function expectClean(opened: Opened): void {
  expect(opened.problems).toEqual([]);
  expect(opened.requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  expect(opened.requests).toEqual([pathToFileURL(opened.file).href]);
}

/** Every bar of every located chart is drawn with size, one for each positive value. */
async function expectBars(charts: Locator, values: readonly (readonly number[])[]): Promise<void> {
  expect(await charts.count()).toBe(values.length);
  expect(await countSized(charts)).toBe(values.length);
  for (const [index, chartValues] of values.entries()) {
    const bars = charts.nth(index).locator('rect.bar');
    expect(await bars.count()).toBe(chartValues.filter((value) => value > 0).length);
    expect(await countSized(bars)).toBe(await bars.count());
  }
}

describe('the review report in a browser', () => {
  it(
    'support-refunds: loads clean, draws the trend and queue charts, and shows the rubber-stamping reviewer',
    async () => {
      const report = await shippedReport('support-refunds');
      const opened = await openReport('support-refunds', formatReviewHtml(report));
      const { page } = opened;
      expectClean(opened);
      await expect(page.title()).resolves.toBe('Review report: support-refunds v4');

      // Records and reviews per week; approval and rejection rate per week.
      await expectBars(page.locator('#trends svg.bar-chart'), [
        [...report.trends.map((week) => week.records), ...report.trends.map((week) => week.reviews)],
        [...report.trends.map((week) => week.approved.rate ?? 0), ...report.trends.map((week) => week.rejected.rate ?? 0)],
      ]);
      // One chart a role: proposed and answered by hour of day.
      await expectBars(
        page.locator('#queue svg.hour-chart'),
        report.queueByHour.map((queue) => [...queue.arrivals, ...queue.answers]),
      );

      const stamps = page.locator('#rubber-stamping');
      expect(await stamps.isVisible()).toBe(true);
      const named = stamps.locator('h3', { hasText: 'rui@support.example' });
      expect(await named.isVisible()).toBe(true);
      await expect(named.textContent()).resolves.toContain('approves everything');
      const ceremonial = page.locator('#ceremonial');
      expect(await ceremonial.isVisible()).toBe(true);
      await expect(ceremonial.textContent()).resolves.toContain('none found');
      // The few-records mark is on screen where figures are thin (no record reached finance-controller).
      expect(await countSized(page.locator('#by-role .thin'))).toBeGreaterThan(0);

      const path = join(screenshotDir, 'review-report.png');
      await page.screenshot({ path, fullPage: true });
      expect((await stat(path)).size).toBeGreaterThan(10_000);
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'sales-outreach: shows the ceremonial checkpoint by name',
    async () => {
      const report = await shippedReport('sales-outreach');
      const opened = await openReport('sales-outreach', formatReviewHtml(report));
      const { page } = opened;
      expectClean(opened);
      const ceremonial = page.locator('#ceremonial');
      expect(await ceremonial.isVisible()).toBe(true);
      const named = ceremonial.locator('h3', { hasText: 'high-value-account' });
      expect(await named.isVisible()).toBe(true);
      expect(await countSized(ceremonial.locator('.stat'))).toBe(4);
      await expect(page.locator('#rubber-stamping').textContent()).resolves.toContain('none found');
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'shows hostile text from the history as text and runs nothing',
    async () => {
      const hostile = '<script>document.title = "owned"; alert(1)</script>';
      const image = '<img src="https://example.com/x.png" onerror="alert(2)">';
      const lines = Array.from({ length: 40 }, (_, index) =>
        JSON.stringify({
          decisionId: `d-${index}`,
          at: '2026-10-06T12:00:00Z',
          policy: { name: 'p', version: 1 },
          facts: {},
          route: 'approve_before',
          rules: [image],
          outcome: { decision: index % 2 === 0 ? 'rejected' : 'approved', reviewer: 'lead', reviewerId: hostile, turnaroundSeconds: 60, ...(index % 2 === 0 ? { reason: image } : {}) },
        }),
      );
      const report = await reviewReport([{ name: 'hostile.jsonl', chunks: [lines.join('\n')] }]);
      const opened = await openReport('hostile', formatReviewHtml(report));
      const { page } = opened;
      expectClean(opened);
      await expect(page.title()).resolves.toBe('Review report: every policy');
      expect(await page.locator('img, script').count()).toBe(0);
      await expect(page.locator('#by-reviewer td', { hasText: hostile }).count()).resolves.toBe(1);
      await expect(page.locator('#reasons td.reason', { hasText: image }).count()).resolves.toBeGreaterThan(0);
      await page.close();
    },
    BROWSER_TIMEOUT,
  );
});
