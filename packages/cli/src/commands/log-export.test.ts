import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonlDecisionLog } from '@oversight/gate';
import { PostgresDecisionStore } from '@oversight/postgres';
import { startPostgres, type PostgresCluster } from '@oversight/postgres/testing';
import type { SimulationReport } from '@oversight/simulator';
import { playRefunds, POLICY } from '../../test/decision-log.js';
import { runOversight as oversight } from '../../test/memory-io.js';

/** Replays an exported history against the policy that made it. */
async function replay(dir: string, history: string): Promise<SimulationReport> {
  const result = await oversight(dir, 'simulate', '--baseline', POLICY, '--candidate', POLICY, '--history', history, '--format', 'json');
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as SimulationReport;
}

function lines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('oversight log export', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres({ fsync: 'off' });
    await playRefunds(await PostgresDecisionStore.open(cluster.url));
  });
  afterAll(() => cluster.stop());

  it('writes the settled decisions of a PostgreSQL store as a history simulate replays with every route reproduced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-export-'));
    const result = await oversight(dir, 'log', 'export', '--store', cluster.url);
    expect(result.exitCode).toBe(0);
    const records = lines(result.stdout);
    expect(records.every((record) => record.event === undefined && record.prev === undefined)).toBe(true);
    // Auto and deny at once; approved, rejected, edited, expired once answered or out of time; the escalated still wait.
    expect(new Set(records.map((record) => (record.outcome as { decision?: string } | undefined)?.decision ?? record.route))).toEqual(new Set(['auto', 'deny', 'approved', 'rejected', 'edited']));
    expect(result.stderr).toContain(`${records.length} settled decisions from postgres://`);
    writeFileSync(join(dir, 'history.jsonl'), result.stdout);
    const report = await replay(dir, 'history.jsonl');
    expect(report.history).toMatchObject({ replayed: records.length, logEvents: 0, invalid: { count: 0 } });
    expect(report.fidelity).toMatchObject({ rate: 1, reproduced: records.length, mismatches: [] });
  });

  it('exports a JSONL log to a file, the same records the PostgreSQL store gives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-export-'));
    await playRefunds(await JsonlDecisionLog.open(join(dir, 'decisions.jsonl')));
    const result = await oversight(dir, 'log', 'export', '--store', 'decisions.jsonl', '--output', 'history.jsonl');
    expect(result).toMatchObject({ exitCode: 0, stdout: '' });
    const fromFile = lines(readFileSync(join(dir, 'history.jsonl'), 'utf8'));
    const fromPostgres = lines((await oversight(dir, 'log', 'export', '--store', cluster.url)).stdout);
    expect(fromFile).toEqual(fromPostgres);
    expect((await replay(dir, 'history.jsonl')).fidelity.rate).toBe(1);
  });

  it('names a line that is not JSON, exits 1, and writes no history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-export-'));
    await playRefunds(await JsonlDecisionLog.open(join(dir, 'decisions.jsonl')));
    const log = readFileSync(join(dir, 'decisions.jsonl'), 'utf8').split('\n');
    log[3] = '{"decisionId": "d-4", oops';
    writeFileSync(join(dir, 'decisions.jsonl'), log.join('\n'));
    const result = await oversight(dir, 'log', 'export', '--store', 'decisions.jsonl', '--output', 'history.jsonl');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('decisions.jsonl:4:');
    expect(existsSync(join(dir, 'history.jsonl'))).toBe(false);
  });

  it('exits 2 naming the server, never the password, when PostgreSQL cannot be reached', async () => {
    const result = await oversight(tmpdir(), 'log', 'export', '--store', 'postgres://oversight:s3cret@127.0.0.1:1/oversight');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('127.0.0.1:1');
    expect(result.stderr).not.toContain('s3cret');
  });
});
