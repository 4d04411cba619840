// The headless chromium the HTML report tests open pages in (Debian's, driven by
// playwright-core): started on first use, so a missing chromium fails each test
// with the same message instead of skipping them; pages opened over file://
// with every other request refused and recorded.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface OpenedPage {
  page: Page;
  /** Console errors, page errors, failed requests and dialogs: there must be none. */
  problems: string[];
  /** Every URL the page asked for. */
  requests: string[];
  file: string;
}

/** The little of the DOM the in-page probes use; this package compiles without the DOM library, on purpose. */
interface ProbeElement {
  getBoundingClientRect(): { width: number; height: number };
}

export class ReportBrowser {
  private started: Promise<Browser> | undefined;

  /** `what`: the test, named in the message when chromium is missing. */
  constructor(private readonly what: string) {}

  start(): Promise<Browser> {
    this.started ??= existsSync(CHROMIUM)
      ? chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
      : Promise.reject(new Error(`${this.what} needs Debian's chromium at ${CHROMIUM}, and it is missing. Install it with: apt-get install chromium`));
    return this.started;
  }

  /** Writes a page into `dir` and opens it over file://, refusing (and recording) any request for anything else. */
  async open(dir: string, name: string, html: string): Promise<OpenedPage> {
    const browser = await this.start();
    const file = join(dir, `${name}.html`);
    await writeFile(file, html);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      dialog.dismiss().catch(() => undefined);
    });
    await page.route(
      (url) => url.protocol !== 'file:',
      (route) => route.abort('blockedbyclient'),
    );
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems, requests, file };
  }

  async close(): Promise<void> {
    const browser = await this.started?.catch(() => undefined);
    await browser?.close();
  }
}

/** How many of the located elements have a non-zero rendered width and height. */
export async function countSized(locator: Locator): Promise<number> {
  return locator.evaluateAll((elements: ProbeElement[]) =>
    elements.filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    }).length,
  );
}
