import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Decision } from '@oversight/core';
import { memoryIo, type MemoryIoOptions } from '../../test/memory-io.js';
import { run } from '../run.js';

const cwd = fileURLToPath(new URL('../../', import.meta.url));
const POLICY = 'test/fixtures/refunds.yaml';

async function evalWith(args: string[], options: Omit<MemoryIoOptions, 'cwd'> = {}) {
  const memory = memoryIo({ cwd, ...options });
  const exitCode = await run(['eval', ...args], memory.io);
  return { exitCode, stdout: memory.stdout(), stderr: memory.stderr() };
}

function decisions(stdout: string): Decision[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Decision);
}

const line = (facts: unknown) => `${JSON.stringify(facts)}\n`;
const small = line({ amount: 20, confidence: 0.95, orderId: 'A-1' });
const over = line({ amount: 120, confidence: 0.95, orderId: 'A-2' });
const huge = line({ amount: 2500, confidence: 0.9, orderId: 'A-3' });

describe('oversight eval', () => {
  it('writes one decision a line, in input order, and exits 0', async () => {
    const result = await evalWith([POLICY, 'facts.jsonl'], { files: { 'facts.jsonl': small + over + huge } });
    expect(result.exitCode).toBe(0);
    expect(decisions(result.stdout).map((d) => d.route)).toEqual(['auto', 'approve_before', 'escalate']);
    expect(result.stderr).toBe('');
  });

  it('stamps every decision with the policy name, version and hash', async () => {
    const result = await evalWith([POLICY, '-'], { stdin: small });
    expect(decisions(result.stdout)[0]?.policy).toMatchObject({ name: 'cli-refunds', version: 2, hash: expect.any(String) as unknown });
  });

  it('reads facts from stdin when the facts argument is - or left out', async () => {
    const dash = await evalWith([POLICY, '-'], { stdin: over });
    const none = await evalWith([POLICY], { stdin: over });
    expect(decisions(dash.stdout).map((d) => d.route)).toEqual(['approve_before']);
    expect(none.stdout).toBe(dash.stdout);
  });

  it('skips blank lines without writing a decision for them', async () => {
    const result = await evalWith([POLICY], { stdin: `${small}\n   \n${over}` });
    expect(decisions(result.stdout)).toHaveLength(2);
  });

  it("puts the policy's onError decision, code invalid-json, in place of a line that does not parse, and evaluates the rest", async () => {
    const result = await evalWith([POLICY], { stdin: `${small}{"amount": 12,\n${over}` });
    const out = decisions(result.stdout);
    expect(out.map((d) => d.route)).toEqual(['auto', 'escalate', 'approve_before']);
    expect(out[1]?.error).toMatchObject({ code: 'invalid-json', message: expect.stringMatching(/^line 2: not valid JSON/) as unknown });
    expect(result.exitCode).toBe(1);
  });

  it.each([
    ['an array', '[{"amount": 20}]'],
    ['a number', '42'],
    ['null', 'null'],
  ])('treats %s as invalid JSON input: facts must be an object', async (kind, text) => {
    const result = await evalWith([POLICY], { stdin: `${text}\n` });
    expect(decisions(result.stdout)[0]?.error).toMatchObject({ code: 'invalid-json', message: `line 1: expected a JSON object of facts, got ${kind}` });
    expect(result.exitCode).toBe(1);
  });

  it('exits 1 for a fact that breaks its declared schema, after writing every decision', async () => {
    const result = await evalWith([POLICY], { stdin: line({ amount: -5, confidence: 0.9 }) + small });
    expect(decisions(result.stdout).map((d) => d.error?.code)).toEqual(['invalid-fact', undefined]);
    expect(result.exitCode).toBe(1);
  });

  it('exits 1 for a fact the policy does not declare', async () => {
    const result = await evalWith([POLICY], { stdin: line({ amount: 20, confidence: 0.9, colour: 'red' }) });
    expect(decisions(result.stdout)[0]?.error?.code).toBe('undeclared-fact');
    expect(result.exitCode).toBe(1);
  });

  it('exits 0 when a missing fact fails closed: the input was valid, the policy did its job', async () => {
    const result = await evalWith([POLICY], { stdin: line({ confidence: 0.9 }) });
    const [decision] = decisions(result.stdout);
    expect(decision?.route).toBe('escalate');
    expect(decision?.error?.code).toBe('missing-fact');
    expect(result.exitCode).toBe(0);
  });

  it('counts review deadlines from --now', async () => {
    const result = await evalWith([POLICY, '--now', '2026-01-01T08:00:00Z'], { stdin: over });
    const [decision] = decisions(result.stdout);
    expect(decision?.sla).toBe('2h');
    expect(new Date(decision?.deadline ?? '').toISOString()).toBe('2026-01-01T10:00:00.000Z');
  });

  it('counts review deadlines from the current time when --now is not given', async () => {
    const result = await evalWith([POLICY], { stdin: over, now: new Date('2026-10-03T12:00:00Z') });
    expect(new Date(decisions(result.stdout)[0]?.deadline ?? '').toISOString()).toBe('2026-10-03T14:00:00.000Z');
  });

  describe('--threshold', () => {
    it('overrides a threshold the policy declares, which can change the route', async () => {
      const before = await evalWith([POLICY], { stdin: over });
      const after = await evalWith([POLICY, '--threshold', 'autoRefundMax=150'], { stdin: over });
      expect(decisions(before.stdout)[0]?.route).toBe('approve_before');
      expect(decisions(after.stdout)[0]?.route).toBe('auto');
    });

    it('takes several overrides', async () => {
      const stdin = line({ amount: 120, confidence: 0.7, orderId: 'A-9' });
      const result = await evalWith([POLICY, '--threshold', 'autoRefundMax=150', '--threshold', 'minConfidence=0.6'], { stdin });
      expect(decisions(result.stdout)[0]?.route).toBe('auto');
    });

    it('is a usage error for a threshold the policy does not declare, before any decision is written', async () => {
      const result = await evalWith([POLICY, '--threshold', 'autoRefundMx=150'], { stdin: over });
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        "error: unknown threshold 'autoRefundMx' for policy 'cli-refunds' (it declares: autoRefundMax, minConfidence)\n" +
          "Run 'oversight eval --help' for usage.\n",
      );
    });

    it('is a usage error for a value that is not a number', async () => {
      const result = await evalWith([POLICY, '--threshold', 'autoRefundMax=lots'], { stdin: over });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain("'autoRefundMax=lots' is invalid");
    });

    it('is a usage error for a value outside the declared range', async () => {
      const result = await evalWith([POLICY, '--threshold', 'minConfidence=2'], { stdin: over });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain("threshold 'minConfidence' must be within 0..1, got 2");
    });
  });

  describe('a policy that cannot be used', () => {
    it('names a missing policy file and exits 2', async () => {
      const result = await evalWith(['test/fixtures/no-such-policy.yaml'], { stdin: small });
      expect(result).toEqual({ exitCode: 2, stdout: '', stderr: "error: cannot read policy file 'test/fixtures/no-such-policy.yaml': no such file\n" });
    });

    it('says when the policy path is a directory', async () => {
      const result = await evalWith(['test/fixtures'], { stdin: small });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe("error: cannot read policy file 'test/fixtures': it is a directory\n");
    });

    it('prints each diagnostic as file:line:col without a stack trace, and evaluates nothing', async () => {
      const result = await evalWith(['test/fixtures/typo-route.yaml'], { stdin: small });
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^test\/fixtures\/typo-route\.yaml:15:\d+ {2}error {2}.*aproved.* {2}\(\S+\)\n$/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('names a missing facts file and exits 2', async () => {
    const result = await evalWith([POLICY, 'missing.jsonl']);
    expect(result).toEqual({ exitCode: 2, stdout: '', stderr: "error: cannot read facts file 'missing.jsonl': no such file\n" });
  });

  it('reports a facts path that cannot be read as a file instead of ending as if it were empty', async () => {
    const result = await evalWith([POLICY, 'test/fixtures']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe("error: cannot read facts file 'test/fixtures': it is a directory\n");
  });

  describe('--format pretty', () => {
    it('writes a block per action and a summary line, without colour when stdout is not a terminal', async () => {
      const result = await evalWith([POLICY, '--format', 'pretty'], { stdin: small + over, isTTY: false });
      expect(result.stdout).toContain('line 1  auto\n');
      expect(result.stdout).toContain('line 2  approve_before\n');
      expect(result.stdout.endsWith('2 decisions: 1 auto, 1 approve_before\n')).toBe(true);
      expect(result.stdout).not.toContain('\u001b[');
    });

    it('colours routes when stdout is a terminal', async () => {
      const result = await evalWith([POLICY, '--format', 'pretty'], { stdin: over, isTTY: true });
      expect(result.stdout).toContain('\u001b[33mapprove_before\u001b[39m');
    });

    it('never colours JSON Lines, even on a terminal', async () => {
      const result = await evalWith([POLICY], { stdin: over, isTTY: true });
      expect(result.stdout).not.toContain('\u001b[');
    });
  });

  it('waits for a slow reader instead of buffering all output in memory', async () => {
    const memory = memoryIo({ cwd, stdin: Array.from({ length: 300 }, (_, i) => line({ amount: i, confidence: 0.9, orderId: `A-${i}` })).join('') });
    const chunks: string[] = [];
    let mostBuffered = 0;
    memory.io.stdout = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        mostBuffered = Math.max(mostBuffered, this.writableLength);
        setImmediate(callback);
      },
    });
    expect(await run(['eval', POLICY], memory.io)).toBe(0);
    const out = decisions(chunks.join(''));
    expect(out).toHaveLength(300);
    expect(out.map((d) => (d.route === 'auto' ? 'auto' : 'person'))).toEqual(Array.from({ length: 300 }, (_, i) => (i <= 50 ? 'auto' : 'person')));
    // With backpressure ignored, all 300 decisions would sit in the buffer at once.
    expect(mostBuffered).toBeLessThan(1024 + 4096);
  });
});

describe('oversight eval from a terminal', () => {
  it('tells a person at a terminal that it is waiting for facts on stdin', async () => {
    const memory = memoryIo({ cwd, stdin: over });
    Object.assign(memory.io.stdin, { isTTY: true });
    expect(await run(['eval', POLICY], memory.io)).toBe(0);
    expect(memory.stderr()).toBe('Reading facts from the terminal, one JSON object a line; end with Ctrl-D.\n');
  });
});
