import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createGate, JsonlDecisionLog } from '../src/index.js';
import { policy, SUPPORT_REFUNDS } from './fixtures.js';

const CHILD = fileURLToPath(new URL('./crash/propose-until-killed.ts', import.meta.url));

/** Starts the child, collects the ids it acknowledged, and SIGKILLs it once `killAfter` are in. */
function runUntilKilled(path: string, killAfter: number, extra: string[] = []): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@oversight/source', '--import', 'tsx', CHILD, path, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: string[] = [];
    let partial = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      acknowledged.push(...lines);
      if (acknowledged.length >= killAfter) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`the child ended by itself (code ${code}) before it was killed: ${stderr}`));
    });
  });
}

describe('a gate killed in the middle of 10,000 appends', () => {
  // syncEveryMs acknowledges once written, not synced: a killed process loses nothing either (a power loss could).
  it.each([
    ['fdatasync before each acknowledgement', []],
    ['syncEveryMs: written before each acknowledgement, synced within 50 ms', ['50']],
  ])('leaves a log whose every complete line parses and whose rebuilt state holds every acknowledged proposal (%s)', async (_mode, extra) => {
    const path = join(mkdtempSync(join(tmpdir(), 'oversight-crash-')), 'decisions.jsonl');
    const acknowledged = await runUntilKilled(path, 1_500, extra);
    expect(acknowledged.length).toBeGreaterThanOrEqual(1_500);

    const text = readFileSync(path, 'utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1).split('\n').slice(0, -1);
    for (const line of complete) expect(() => JSON.parse(line) as unknown).not.toThrow();

    const log = await JsonlDecisionLog.open(path);
    const gate = await createGate({ policies: [policy(SUPPORT_REFUNDS)], store: log });
    const rebuilt = new Set([...gate.proposals()].map((proposal) => proposal.id));
    const lost = acknowledged.filter((id) => !rebuilt.has(id));
    expect(lost).toEqual([]);
    expect(rebuilt.size).toBe(complete.length);
    await gate.close();
  });
});
