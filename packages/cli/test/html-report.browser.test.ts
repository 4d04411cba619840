// Opens the HTML reports in a real browser (Debian's headless chromium, driven
// by playwright-core) and checks what a reader would see: nothing fails to load,
// nothing reaches for the network, and the charts and the matrix are drawn with
// real size. Set OVERSIGHT_SCREENSHOT_DIR to keep the full-page screenshots.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { countSized, ReportBrowser, type OpenedPage } from './report-browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSimulationHtml } from '../src/format/html/simulation-html.js';
import { formatSweepHtml } from '../src/format/html/sweep-html.js';
import { loadSimulationReport, loadSweepReport } from './report-fixtures.js';

const BROWSER_TIMEOUT = 60_000;

/** The little of the DOM the in-page probes use; this package compiles without the DOM library, on purpose. */
interface ProbeElement {
  getBoundingClientRect(): { width: number; height: number };
  getAttribute(name: string): string | null;
  textContent: string | null;
}

type Opened = OpenedPage;

const browser = new ReportBrowser('The HTML report browser test');
let workDir = '';
let screenshotDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'oversight-html-report-'));
  screenshotDir = process.env.OVERSIGHT_SCREENSHOT_DIR ?? join(workDir, 'screenshots');
  await mkdir(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser.close();
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

/** Writes a page to disk and opens it over file://, refusing (and recording) any request for anything else. */
function openReport(name: string, html: string): Promise<Opened> {
  return browser.open(workDir, name, html);
}


function expectClean(opened: Opened, file: string): void {
  expect(opened.problems).toEqual([]);
  expect(opened.requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  expect(opened.requests).toEqual([pathToFileURL(file).href]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  expect((await stat(path)).size).toBeGreaterThan(10_000);
}

describe('the simulation report in a browser', () => {
  it(
    'loads with no error and no request beyond the file, and draws the matrices and charts',
    async () => {
      const report = loadSimulationReport();
      const opened = await openReport('simulation', formatSimulationHtml(report));
      const { page } = opened;
      expectClean(opened, join(workDir, 'simulation.html'));

      await expect(page.title()).resolves.toContain('support-refunds');
      await expect(page.locator('.banner.fail .verdict-word').textContent()).resolves.toBe('FAIL');

      const matrices = page.locator('table.route-matrix');
      expect(await matrices.count()).toBe(report.comparisons.length);
      for (const [index, comparison] of report.comparisons.entries()) {
        const cells = matrices.nth(index).locator('td.cell');
        expect(await cells.count()).toBe(25);
        expect(await countSized(cells)).toBe(25);
        const counts = await cells.evaluateAll((elements: ProbeElement[]) => elements.map((element) => Number(element.getAttribute('data-count'))));
        expect(counts).toEqual(comparison.routeChanges.matrix.flat());
      }

      // Two charts a candidate: records by route, then reviewer-hours by role. A bar is drawn for each positive value.
      const charts = page.locator('svg.bar-chart');
      expect(await charts.count()).toBe(2 * report.comparisons.length);
      for (const [index, comparison] of report.comparisons.entries()) {
        const routes = comparison.routeChanges.routes;
        const routeValues = [...routes.map((route) => report.baseline.routes[route]), ...routes.map((route) => comparison.candidate.routes[route])];
        const routeBars = charts.nth(2 * index).locator('rect.bar');
        expect(await routeBars.count()).toBe(routeValues.filter((value) => value > 0).length);
        expect(await countSized(routeBars)).toBe(await routeBars.count());

        const hours = [...report.baseline.reviewerLoad, ...comparison.candidate.reviewerLoad].map((load) => load.hours);
        const hourBars = charts.nth(2 * index + 1).locator('rect.bar');
        expect(await hourBars.count()).toBe(hours.filter((value) => value !== null && value > 0).length);
        expect(await countSized(hourBars)).toBe(await hourBars.count());
        expect(await charts.nth(2 * index + 1).locator('text.unknown-label').count()).toBe(hours.filter((value) => value === null).length);
      }

      await screenshot(page, 'simulation');
      await page.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'shows hostile text from the report as text and runs no script',
    async () => {
      const report = loadSimulationReport();
      const example = report.comparisons[0]?.escapes.examples[0];
      if (example === undefined) throw new Error('fixture has no escape example');
      example.reason = '<script>document.title = "owned"</script><img src="https://example.com/x.png">';
      const opened = await openReport('hostile', formatSimulationHtml(report));
      expectClean(opened, join(workDir, 'hostile.html'));
      await expect(opened.page.title()).resolves.not.toBe('owned');
      await expect(opened.page.locator('td.reason', { hasText: '<script>document.title' }).count()).resolves.toBe(1);
      await opened.page.close();
    },
    BROWSER_TIMEOUT,
  );
});

describe('the sweep report in a browser', () => {
  it(
    'loads with no error and no request beyond the file, and plots every point with the front highlighted',
    async () => {
      const report = loadSweepReport();
      const opened = await openReport('sweep', formatSweepHtml(report));
      const { page } = opened;
      expectClean(opened, join(workDir, 'sweep.html'));

      const chart = page.locator('svg.sweep-chart');
      expect(await countSized(chart)).toBe(1);
      const points = chart.locator('circle.point[data-reviews]');
      expect(await points.count()).toBe(report.points.length);
      expect(await countSized(points)).toBe(report.points.length);
      const pareto = chart.locator('circle.point.pareto[data-reviews]');
      expect(await pareto.count()).toBe(report.points.filter((point) => point.pareto).length);
      expect(await countSized(chart.locator('polyline.pareto-front'))).toBe(1);
      expect(await countSized(chart.locator('circle.current-marker:not(.legend *)'))).toBe(1);
      expect(await page.locator('table.sweep-points tbody tr').count()).toBe(report.points.length);
      expect(await page.locator('table.sweep-points tr.pareto').count()).toBe(report.points.filter((point) => point.pareto).length);

      await screenshot(page, 'sweep');
      await page.close();
    },
    BROWSER_TIMEOUT,
  );
});
