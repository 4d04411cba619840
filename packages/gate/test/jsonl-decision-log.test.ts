import { mkdtempSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGate, JsonlDecisionLog, lineHash, type LogEntry } from '../src/index.js';
import { AGENT, FakeClock, LEAD, policy, refund, sequentialIds, SUPPORT_REFUNDS } from './fixtures.js';

const refunds = policy(SUPPORT_REFUNDS);
const opened: JsonlDecisionLog[] = [];

async function openLog(path: string, options?: Parameters<typeof JsonlDecisionLog.open>[1]): Promise<JsonlDecisionLog> {
  const log = await JsonlDecisionLog.open(path, options);
  opened.push(log);
  return log;
}

afterEach(async () => {
  for (const log of opened.splice(0)) await log.close();
});

function tempLog(): string {
  return join(mkdtempSync(join(tmpdir(), 'oversight-log-')), 'decisions.jsonl');
}

async function entriesOf(log: JsonlDecisionLog): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  for await (const entry of log.read()) entries.push(entry);
  return entries;
}

describe('JsonlDecisionLog', () => {
  it('chains every line to the one before it, starting a new log from null', async () => {
    const path = tempLog();
    const log = await openLog(path);
    const gate = await createGate({ policies: [refunds], store: log, clock: new FakeClock().now, newId: sequentialIds() });
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    await gate.answer('d-0001', { decision: 'approve', reviewer: LEAD });
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect((JSON.parse(lines[0]!) as { prev: unknown }).prev).toBeNull();
    expect((JSON.parse(lines[1]!) as { prev: unknown }).prev).toBe(lineHash(lines[0]!));
  });

  it('continues the chain of a log it reopens, and of a plain v1 history it is opened on', async () => {
    const path = tempLog();
    const plain = '{"decisionId":"h-1","at":"2026-11-30T10:00:00Z","policy":{"name":"support-refunds","version":4},"facts":{"amount":20},"route":"auto"}';
    writeFileSync(path, plain + '\n');
    const log = await openLog(path);
    await log.append([{ decisionId: 'h-2', at: '2026-11-30T10:01:00Z', policy: { name: 'support-refunds', version: 4 }, facts: { amount: 30 }, route: 'auto' }]);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect((JSON.parse(lines[1]!) as { prev: unknown }).prev).toBe(lineHash(plain));
    expect((await entriesOf(log)).map((entry) => entry.decisionId)).toEqual(['h-1']);
  });

  it('sets a torn last line aside in a file of its own, says so, and rebuilds from the complete lines', async () => {
    const path = tempLog();
    const first = await openLog(path);
    const gate = await createGate({ policies: [refunds], store: first, clock: new FakeClock().now, newId: sequentialIds() });
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    await first.close();
    const complete = readFileSync(path, 'utf8');
    const torn = '{"decisionId":"d-0002","at":"2026-12-02T09:0';
    appendFileSync(path, torn);

    const reopened = await openLog(path);
    expect(reopened.tornTail).toEqual({ bytes: torn.length, savedTo: `${path}.torn-${Buffer.byteLength(complete)}`, line: 2 });
    expect(readFileSync(reopened.tornTail!.savedTo, 'utf8')).toBe(torn);
    expect(readFileSync(path, 'utf8')).toBe(complete);
    const rebuilt = await createGate({ policies: [refunds], store: reopened, clock: new FakeClock().now, newId: sequentialIds('r') });
    expect(rebuilt.open().map((view) => view.proposal.id)).toEqual(['d-0001']);
  });

  it('refuses to rebuild past a complete line that is not JSON, naming the file and line', async () => {
    const path = tempLog();
    writeFileSync(path, '{"decisionId":"h-1","at":"2026-11-30T10:00:00Z","policy":{"name":"p","version":1},"facts":{},"route":"auto"}\nnot json\n');
    const log = await openLog(path);
    await expect(entriesOf(log)).rejects.toThrow(`${path}:2: `);
  });

  it('keeps every append of many concurrent callers, each whole, in one chain (group commit)', async () => {
    const path = tempLog();
    const log = await openLog(path, { sync: 'group' });
    const appends = Array.from({ length: 200 }, (_, i) => log.append([{ decisionId: `c-${i}`, at: '2026-12-02T09:00:00Z', policy: { name: 'p', version: 1 }, facts: { i }, route: 'auto' }]));
    await Promise.all(appends);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(200);
    lines.forEach((line, i) => {
      const parsed = JSON.parse(line) as { decisionId: string; prev: string | null };
      expect(parsed.decisionId).toBe(`c-${i}`);
      expect(parsed.prev).toBe(i === 0 ? null : lineHash(lines[i - 1]!));
    });
  });

  it('refuses a second process-local writer while the first holds the log, and takes over a lock whose process is gone', async () => {
    const path = tempLog();
    const first = await openLog(path);
    await expect(JsonlDecisionLog.open(path)).rejects.toThrow('already open in this process');
    await first.close();
    writeFileSync(`${path}.lock`, '999999999');
    const log = await openLog(path);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    await log.close();
    expect(readdirSync(join(path, '..'))).not.toContain('decisions.jsonl.lock');
  });
});

describe('syncEveryMs', () => {
  it('acknowledges once the lines are in the file, and syncs them by close', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'oversight-log-')), 'decisions.jsonl');
    const log = await JsonlDecisionLog.open(path, { syncEveryMs: 1_000 });
    await log.append([{ event: 'warned', decisionId: 'd-1', at: '2026-12-02T09:00:00.000Z', deadline: '2026-12-02T13:00:00.000Z' }]);
    expect(readFileSync(path, 'utf8')).toContain('"decisionId":"d-1"');
    await log.close();
    const reopened = await JsonlDecisionLog.open(path);
    const entries: unknown[] = [];
    for await (const entry of reopened.read()) entries.push(entry);
    expect(entries).toEqual([{ event: 'warned', decisionId: 'd-1', at: '2026-12-02T09:00:00.000Z', deadline: '2026-12-02T13:00:00.000Z' }]);
    await reopened.close();
  });

  it('refuses a window that is not a whole number of milliseconds up to a minute', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'oversight-log-')), 'decisions.jsonl');
    await expect(JsonlDecisionLog.open(path, { syncEveryMs: 0 })).rejects.toThrow(/syncEveryMs is a whole number of milliseconds/);
  });
});
