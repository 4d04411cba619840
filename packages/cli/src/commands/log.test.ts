import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JsonlDecisionLog } from '@oversight/gate';
import type { SimulationReport } from '@oversight/simulator';
import { playRefunds, POLICY } from '../../test/decision-log.js';
import { runOversight as oversight } from '../../test/memory-io.js';

/** A decision log as the review loop writes it to a JSONL file. */
async function gateLog(): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-log-'));
  const file = join(dir, 'decisions.jsonl');
  await playRefunds(await JsonlDecisionLog.open(file));
  return { dir, file };
}

describe('oversight log verify', () => {
  it('finds a log the review loop wrote sound, with its counts and the head hash to keep', async () => {
    const { dir } = await gateLog();
    const result = await oversight(dir, 'log', 'verify', 'decisions.jsonl');
    expect(result.stdout).toMatch(/^decisions\.jsonl: sound: \d+ lines \(\d+ decisions, \d+ log events\), \d+ waiting for a person; hash chain from line 1, head sha256:[0-9a-f]{64}\n$/);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  });

  it('finds the shipped plain history sound', async () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const result = await oversight(root, 'log', 'verify', 'policies/history/support-refunds.history.jsonl');
    expect(result.stdout).toContain('sound');
    expect(result.stdout).toContain('no hash chain (a plain history)');
    expect(result.exitCode).toBe(0);
  });

  it('names the line after an edited one and exits 1; a torn last line is a problem too', async () => {
    const { dir, file } = await gateLog();
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('"amount":180', '"amount":18');
    const edited = join(dir, 'edited.jsonl');
    writeFileSync(edited, lines.join('\n'));
    const result = await oversight(dir, 'log', 'verify', 'edited.jsonl');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('edited.jsonl:3: decision d-3: factsHash does not match its facts');
    expect(result.stdout).toContain('edited.jsonl:4: prev does not match the line before it');

    const torn = join(dir, 'torn.jsonl');
    copyFileSync(file, torn);
    appendFileSync(torn, '{"decisionId":"d-99","at":"2026-1');
    const tornResult = await oversight(dir, 'log', 'verify', 'torn.jsonl', '--format', 'json');
    expect(tornResult.exitCode).toBe(1);
    const report = JSON.parse(tornResult.stdout) as { sound: boolean; problems: { message: string }[] };
    expect(report.problems.at(-1)?.message).toContain('the last line has no newline');
  });

  it('exits 2 when the file cannot be read', async () => {
    const result = await oversight(tmpdir(), 'log', 'verify', 'no-such-log.jsonl');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("cannot read 'no-such-log.jsonl'");
  });
});

describe('oversight simulate on a decision log', () => {
  it('replays the review loop log unchanged: every settled decision reproduced, the waiting and intermediate lines counted and skipped', async () => {
    const { dir } = await gateLog();
    const result = await oversight(dir, 'simulate', '--baseline', POLICY, '--candidate', POLICY, '--history', 'decisions.jsonl', '--format', 'json');
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as SimulationReport;
    expect(report.history.invalid.count).toBe(0);
    expect(report.history.logEvents).toBeGreaterThan(0);
    expect(report.history.replayed).toBeGreaterThan(5);
    expect(report.fidelity).toMatchObject({ rate: 1, mismatches: [] });
    expect(report.fidelity.reproduced).toBe(report.history.replayed);
  });
});
