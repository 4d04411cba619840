// The server as a process: SIGTERM lets the requests in flight finish and
// leaves a complete log, exit 0; SIGKILL under load loses no decision whose
// response a client received (a torn last line is set aside, never read).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonlDecisionLog } from '@oversight/gate';
import { refund, Workspace } from './fixtures.js';

const CHILD = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Child {
  process: ChildProcess;
  url: string;
  /** Resolves with the next report that satisfies `test`. */
  waitFor(test: (report: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

let workspace: Workspace | undefined;
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  workspace?.remove();
  workspace = undefined;
  child = undefined;
});

async function startChild(space: Workspace, env: Record<string, string> = {}): Promise<Child> {
  const started = spawn(process.execPath, ['--conditions=@oversight/source', '--import', 'tsx', CHILD], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, OVERSIGHT_POLICIES: space.policyFile, OVERSIGHT_LOG: space.logFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  let stderr = '';
  started.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    started.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const waiting: { test: (report: Record<string, unknown>) => boolean; resolve: (report: Record<string, unknown>) => void }[] = [];
  createInterface({ input: started.stdout }).on('line', (line) => {
    const report = JSON.parse(line) as Record<string, unknown>;
    for (const waiter of [...waiting]) {
      if (!waiter.test(report)) continue;
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(report);
    }
  });
  const waitFor = (test: (report: Record<string, unknown>) => boolean) =>
    Promise.race([
      new Promise<Record<string, unknown>>((resolve) => waiting.push({ test, resolve })),
      exited.then(({ code, stderr: text }) => Promise.reject(new Error(`the server exited (${code}) before reporting: ${text}`))),
    ]);
  const { url } = await waitFor((report) => typeof report.url === 'string');
  return { process: started, url: url as string, waitFor, exited };
}

async function decide(url: string, amount: number): Promise<string> {
  const response = await fetch(`${url}/v1/decide/support-refunds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(refund(amount)) });
  if (response.status !== 200) throw new Error(`decide answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { decisionId: string }).decisionId;
}

describe('shutdown', () => {
  it('on SIGTERM finishes the requests in flight, completes the log and exits 0', async () => {
    workspace = new Workspace();
    const server = await startChild(workspace, { HOLD_APPENDS: '1' });
    const IN_FLIGHT = 6;
    const responses = Array.from({ length: IN_FLIGHT }, (_, i) => decide(server.url, 10 + i * 40));
    await server.waitFor((report) => report.held === IN_FLIGHT);
    server.process.kill('SIGTERM');
    const ids = await Promise.all(responses);
    const exit = await server.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    const logged = workspace.readLog().map((line) => line.decisionId);
    expect(logged.sort()).toEqual([...ids].sort());
  });

  it('after SIGKILL under load, has logged every decision a client received', async () => {
    workspace = new Workspace();
    const server = await startChild(workspace);
    const received: string[] = [];
    const KILL_AFTER = 300;
    let killed = false;
    const worker = async (n: number): Promise<void> => {
      for (let i = 0; ; i++) {
        try {
          received.push(await decide(server.url, 5 + ((n * 37 + i) % 900)));
        } catch (error) {
          if (killed) return;
          throw error;
        }
        if (received.length >= KILL_AFTER && !killed) {
          killed = true;
          server.process.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, n) => worker(n)));
    expect((await server.exited).signal).toBe('SIGKILL');

    const log = await JsonlDecisionLog.open(workspace.logFile);
    const logged = new Set<string>();
    try {
      for await (const entry of log.read()) logged.add(entry.decisionId);
    } finally {
      await log.close();
    }
    expect(received.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(received.filter((id) => !logged.has(id))).toEqual([]);
  });
});
