// The desk in a real browser (Debian's headless chromium, driven by
// playwright-core as the CLI's HTML report test does): the agent proposes
// refunds over HTTP, a support lead signs in and answers them on the queue page,
// a manager approves the edit that was routed to them, the fake clock lets one
// run out up the whole chain, and the test checks what each reviewer sees at
// every step. The screenshot of the queue is kept in test/screenshots/queue.png.
// Afterwards the decision log stays at scenarioLogPath() for checks on the file.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGate, isEventLine, JsonlDecisionLog, lineHash, type LogEntry, type Proposal, type ProposalView } from '@oversight/gate';
import type { SimulationReport } from '@oversight/simulator';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../src/policy.js';
import { createSupportDesk, type SupportDesk } from '../src/support-desk.js';
import { AgentClient, FakeClock, refund, sequentialIds } from './fixtures.js';
import { oversight } from './oversight-command.js';
import { scenarioLogPath } from './scenario-log.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const BROWSER_TIMEOUT = 300_000;
const SCREENSHOT = fileURLToPath(new URL('./screenshots/queue.png', import.meta.url));

let started: Promise<Browser> | undefined;

/**
 * The browser, started on first use. Every test awaits it, so a missing
 * chromium fails the test with this message instead of skipping it.
 */
function startBrowser(): Promise<Browser> {
  started ??= existsSync(CHROMIUM)
    ? chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    : Promise.reject(new Error(`The support desk browser test needs Debian's chromium at ${CHROMIUM}, and it is missing. Install it with: apt-get install chromium`));
  return started;
}

let desk: SupportDesk | undefined;
/** The open proposals as the desk had them when it closed: a gate rebuilt from the log must have the same. */
let openAtClose: ProposalView[] | undefined;
/** Every proposal, settled ones included, as the desk had them when it closed. */
let allAtClose: Proposal[] | undefined;

beforeAll(async () => {
  await rm(dirname(scenarioLogPath()), { recursive: true, force: true });
  await mkdir(dirname(scenarioLogPath()), { recursive: true });
  await mkdir(dirname(SCREENSHOT), { recursive: true });
});

afterAll(async () => {
  await desk?.close();
  const browser = await started?.catch(() => undefined);
  await browser?.close();
});

interface Opened {
  page: Page;
  /** Console errors, page errors and failed requests: there must be none. */
  problems: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

/** A page that may reach the desk and nothing else; it records any request elsewhere, and any error. */
async function openDesk(browser: Browser, url: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('request', (request) => requests.push(request.url()));
  await page.route(
    (target) => target.origin !== new URL(url).origin,
    (route) => route.abort('blockedbyclient'),
  );
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, requests };
}

/** Does what submits a form, and waits until the page it leads to (after the 303) has loaded. */
async function submit(page: Page, action: () => Promise<void>): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await action();
  await navigated;
  await page.waitForLoadState('load');
}

async function signIn(page: Page, reviewer: string, role: string): Promise<void> {
  await page.locator('input[name="reviewer"]').fill(reviewer);
  await page.locator('select[name="role"]').selectOption(role);
  await submit(page, () => page.locator('form.login button').click());
}

async function signOut(page: Page): Promise<void> {
  await submit(page, () => page.locator('.topbar form button').click());
}

const cardOf = (page: Page, id: string): Locator => page.locator(`.card[data-proposal-id="${id}"]`);

async function cardIds(page: Page): Promise<string[]> {
  return page.locator('.queue .card').evaluateAll((cards: { getAttribute(name: string): string | null }[]) => cards.map((card) => card.getAttribute('data-proposal-id') ?? ''));
}

async function flash(page: Page): Promise<string> {
  return ((await page.locator('.flash').textContent()) ?? '').trim();
}

async function settledOutcome(page: Page, id: string): Promise<string> {
  return ((await page.locator(`table.settled tr[data-proposal-id="${id}"] .outcome`).textContent()) ?? '').trim();
}

/** Answers a card by pressing one of its buttons, with the reason and amount typed first. */
async function answerCard(page: Page, id: string, decision: 'approve' | 'reject' | 'edit' | 'escalate', fields: { reason?: string; amount?: string } = {}): Promise<void> {
  const card = cardOf(page, id);
  if (fields.reason !== undefined) await card.locator('input[name="reason"]').fill(fields.reason);
  if (fields.amount !== undefined) await card.locator('input[name="amount"]').fill(fields.amount);
  await submit(page, () => card.locator(`button[value="${decision}"]`).click());
}

describe('the support desk in a browser', () => {
  it(
    'lets a support lead approve, reject and edit refunds from the cards alone, routes a riskier edit to a manager, and moves an unanswered one up the chain until it expires',
    async () => {
      const browser = await startBrowser();
      const clock = new FakeClock();
      desk = await createSupportDesk({ logPath: scenarioLogPath(), clock: clock.now, newId: sequentialIds() });
      const agent = new AgentClient(desk.url);

      // The agent proposes: one small refund runs alone, four wait for a lead, one for a manager.
      const propose = async (amount: number): Promise<string> => (await agent.propose(refund(amount))).id;
      const r30 = await propose(30);
      const r120 = await propose(120);
      const r180 = await propose(180);
      const r150 = await propose(150);
      const r95 = await propose(95);
      const r640 = await propose(640);
      expect(desk.gate.get(r30)?.effect).toBe('run');
      expect(desk.gate.open().map((view) => [view.proposal.id, view.proposal.reviewer])).toEqual([
        [r120, 'support-lead'],
        [r180, 'support-lead'],
        [r150, 'support-lead'],
        [r95, 'support-lead'],
        [r640, 'support-manager'],
      ]);

      const opened = await openDesk(browser, desk.url);
      const { page } = opened;

      // Signed out: the demo sign-in, saying plainly that it is one.
      expect(await page.locator('form.login').count()).toBe(1);
      expect(await page.locator('.demo-note').textContent()).toContain("This login is a stand-in for the service's real sign-in");

      await signIn(page, 'ana@example.com', 'support-lead');
      expect(await flash(page)).toBe('Signed in as ana@example.com (support-lead)');
      expect(await page.locator('.topbar .who').textContent()).toBe('Signed in as ana@example.com · support-lead');
      // Oldest first; the manager's 640 is not the lead's to answer.
      expect(await cardIds(page)).toEqual([r120, r180, r150, r95]);
      expect(await cardOf(page, r640).count()).toBe(0);
      // Each card holds what the lead decides from: summary, why, the amount, context, deadline, role and the four choices.
      const first = cardOf(page, r120);
      expect(await first.locator('h2').textContent()).toBe('refund of 120 USD on order ORD-1234567 (damaged)');
      expect(await first.locator('.oversight-route').textContent()).toContain('Needs approval before it runs');
      expect(await first.locator('section', { hasText: 'Why' }).textContent()).toContain('amount 120 > autoRefundMax 50');
      expect(await first.locator('section', { hasText: 'Context' }).textContent()).toContain('recentClaims0');
      expect(await first.locator('section', { hasText: 'Review' }).textContent()).toBe('ReviewReviewersupport-leadAnswer by2026-12-02T13:00:00.000Z');
      expect(await first.locator('.badge.due').textContent()).toBe('Due in 4 h · by 2026-12-02 13:00 UTC');
      expect(await first.locator('input[name="amount"]').inputValue()).toBe('120');
      expect(await first.locator('button[name="decision"]').allTextContents()).toEqual(['Approve', 'Reject', 'Edit', 'Escalate']);
      // The settled list already has the refund that ran alone.
      expect(await settledOutcome(page, r30)).toBe('Ran automatically');

      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect((await stat(SCREENSHOT)).size).toBeGreaterThan(10_000);

      // Approve 120: the card leaves the queue and the agent may run exactly that refund.
      await answerCard(page, r120, 'approve');
      expect(await flash(page)).toBe(`Approved ${r120}: the refund may run`);
      expect(await cardIds(page)).toEqual([r180, r150, r95]);
      expect(await settledOutcome(page, r120)).toBe('Approved by ana@example.com (support-lead): may run');
      expect((await agent.post(`/agent/decisions/${r120}/authorize`, { facts: refund(120) })).status).toBe(200);

      // Reject 180: without a reason it is refused and stays; with one it is rejected.
      await answerCard(page, r180, 'reject');
      expect(await flash(page)).toMatch(/^Not recorded: .*reason/);
      expect(await page.locator('.flash.error').count()).toBe(1);
      expect(await cardIds(page)).toEqual([r180, r150, r95]);
      await answerCard(page, r180, 'reject', { reason: 'carrier photo shows the parcel delivered intact' });
      expect(await flash(page)).toBe(`Rejected ${r180}: the refund does not run`);
      expect(await cardIds(page)).toEqual([r150, r95]);
      expect(await page.locator(`table.settled tr[data-proposal-id="${r180}"]`).textContent()).toContain('carrier photo shows the parcel delivered intact');

      // Edit 150 into 700: above the lead's authority, so it is routed again, to a manager.
      await answerCard(page, r150, 'edit', { reason: 'add the second damaged item and shipping', amount: '700' });
      const r700 = desk.gate.get(r150)?.proposal.reroutedTo;
      expect(r700).toBeDefined();
      expect(await flash(page)).toBe(`Edited into a riskier action: routed again as ${r700} to support-manager, who may approve it`);
      expect(await cardIds(page)).toEqual([r95]);
      expect(await settledOutcome(page, r150)).toBe(`Edited by ana@example.com (support-lead) into a riskier action: routed again as ${r700}`);
      expect((await agent.post(`/agent/decisions/${r150}/authorize`, { facts: refund(700) })).status).toBe(409);

      // A manager sees the 640 and the edited 700, and approves the 700.
      await signOut(page);
      expect(await page.locator('form.login').count()).toBe(1);
      await signIn(page, 'chen@example.com', 'support-manager');
      expect(await cardIds(page)).toEqual([r95, r640, r700!]);
      expect(await cardOf(page, r700!).locator('.card-meta').textContent()).toContain(`Edited from ${r150} by ana@example.com`);
      expect(await cardOf(page, r95).locator('.card-meta').textContent()).toContain('Waits for support-lead; you answer above it as support-manager');
      await answerCard(page, r700!, 'approve');
      expect(await flash(page)).toBe(`Approved ${r700}: the refund may run`);
      expect((await agent.post(`/agent/decisions/${r700}/authorize`, { facts: refund(700) })).status).toBe(200);
      await signOut(page);
      await signIn(page, 'ana@example.com', 'support-lead');
      expect(await cardIds(page)).toEqual([r95]);

      // Nobody answers the 95. Past its 4h the card says so; the expiry sweep moves it to the manager.
      clock.advance('4h');
      clock.advance('1m');
      await page.reload({ waitUntil: 'load' });
      expect(await cardOf(page, r95).locator('.badge.due.late').textContent()).toBe('Past its deadline by 1 min: it moves on at the next expiry sweep');
      const moved = await desk.gate.expireDue();
      expect(moved.map((view) => [view.proposal.id, view.proposal.reviewer])).toEqual([[r95, 'support-manager']]);
      await page.reload({ waitUntil: 'load' });
      expect(await cardIds(page)).toEqual([]);
      expect(await page.locator('.empty').first().textContent()).toBe('Nothing waits for support-lead right now.');

      // Past the manager's day it goes to the finance controller; past their two days, the top of the chain, it expires.
      clock.advance('1d');
      expect((await desk.gate.expireDue()).map((view) => [view.proposal.id, view.proposal.reviewer])).toEqual([
        [r95, 'finance-controller'],
        [r640, 'finance-controller'],
      ]);
      clock.advance('2d');
      expect((await desk.gate.expireDue()).map((view) => [view.proposal.id, view.proposal.status])).toEqual([
        [r95, 'expired'],
        [r640, 'expired'],
      ]);
      await page.reload({ waitUntil: 'load' });
      expect(await settledOutcome(page, r95)).toBe('Expired: nobody answered in time (after 2 escalations)');
      expect(await settledOutcome(page, r640)).toBe('Expired: nobody answered in time (after 1 escalation)');
      expect((await agent.post(`/agent/decisions/${r95}/authorize`, { facts: refund(95) })).status).toBe(409);

      // A new refund arrives and waits for the lead: it is still open when the desk closes.
      const r260 = (await agent.propose(refund(260))).id;
      await page.reload({ waitUntil: 'load' });
      expect(await cardIds(page)).toEqual([r260]);

      expect(opened.problems).toEqual([]);
      expect(opened.requests.filter((url) => !url.startsWith(desk!.url))).toEqual([]);
      await page.close();

      openAtClose = structuredClone(desk.gate.open());
      expect(openAtClose.map((view) => view.proposal.id)).toEqual([r260]);
      allAtClose = structuredClone([...desk.gate.proposals()]);
      await desk.close();
      desk = undefined;
    },
    BROWSER_TIMEOUT,
  );

  it('leaves a decision log at scenarioLogPath() whose every line parses and chains, and from which a gate rebuilds the same open proposals', async () => {
    if (openAtClose === undefined) throw new Error(`the browser scenario did not finish, so there is no final log to check at ${scenarioLogPath()}`);
    const text = await readFile(scenarioLogPath(), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    let previous: string | null = null;
    const entries = lines.map((line, index) => {
      const parsed = JSON.parse(line) as LogEntry & { prev: string | null };
      expect(parsed.prev, `line ${index + 1} chains to the line before it`).toBe(previous);
      previous = lineHash(line);
      return parsed;
    });
    // Proposals that waited, each answer or expiry, the escalations: every kind the scenario made.
    expect(new Set(entries.map((entry) => (isEventLine(entry) ? entry.event : (entry.outcome?.decision ?? entry.route))))).toEqual(new Set(['proposed', 'auto', 'approved', 'rejected', 'edited', 'escalated', 'expired']));

    // What CI would run on the log: it is sound, and the simulator replays it as it was decided.
    const verified = await oversight('log', 'verify', scenarioLogPath());
    expect(verified.stdout).toContain(': sound: ');
    expect(verified.exitCode).toBe(0);
    const policyFile = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));
    const simulated = await oversight('simulate', '--baseline', policyFile, '--candidate', policyFile, '--history', scenarioLogPath(), '--format', 'json');
    expect(simulated.stderr).toBe('');
    const report = JSON.parse(simulated.stdout) as SimulationReport;
    expect(report.history.invalid.count).toBe(0);
    expect(report.history.replayed).toBe(entries.filter((entry) => !isEventLine(entry)).length);
    expect(report.fidelity).toMatchObject({ rate: 1, mismatches: [] });

    const store = await JsonlDecisionLog.open(scenarioLogPath());
    const gate = await createGate({ policies: [await loadPolicyFile()], store });
    try {
      expect(gate.open()).toEqual(openAtClose);
      expect([...gate.proposals()]).toEqual(allAtClose);
    } finally {
      await gate.close();
    }
  });
});
