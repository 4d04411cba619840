// Policies change while the server runs: a new version is enforced from the
// next decision on; a file that does not load changes nothing and is logged.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonlDecisionLog } from '@oversight/gate';
import { buildServer, PolicyLoadError } from '../src/index.js';
import { json, POLICY_TEXT, refund, startTestServer, Workspace, type TestServer } from './fixtures.js';

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const WAIT = { timeout: 60_000, interval: 25 };

async function decidedVersion(test: TestServer, amount = 20): Promise<{ version: number; route: string }> {
  const response = await test.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(amount) });
  const decision = json(response.body).decision as { policy: { version: number }; route: string };
  return { version: decision.policy.version, route: decision.route };
}

describe('hot reload', () => {
  it('enforces a new version of a watched file from the next decision on', async () => {
    running = await startTestServer({ watch: true });
    expect(await decidedVersion(running)).toEqual({ version: 4, route: 'auto' });
    running.workspace.writePolicy(['version: 4', 'version: 5'], ['value: 50\n', 'value: 10\n']);
    await vi.waitFor(async () => expect((await decidedVersion(running!)).version).toBe(5), WAIT);
    expect(await decidedVersion(running)).toEqual({ version: 5, route: 'approve_before' });
    const metrics = (await running.server.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/oversight_policy_reloads_total\{result="success"\} [1-9]/);
  });

  it('picks up a file an editor saves by renaming a new one over it', async () => {
    running = await startTestServer({ watch: true });
    const scratch = join(running.workspace.dir, 'support-refunds.yaml.new');
    writeFileSync(scratch, POLICY_TEXT.replace('version: 4', 'version: 6'));
    renameSync(scratch, running.workspace.policyFile);
    await vi.waitFor(async () => expect((await decidedVersion(running!)).version).toBe(6), WAIT);
  });

  it('keeps serving the previous version when the new file does not load, and logs where it is wrong', async () => {
    running = await startTestServer({ watch: true });
    running.workspace.writePolicy(['version: 4', 'version: 5'], ['route: deny', 'route: refuse']);
    await vi.waitFor(() => expect(running!.messages.some((m) => m.level === 'error' && m.message.startsWith('policy reload failed'))).toBe(true), WAIT);
    const located = running.messages.find((m) => m.level === 'error' && m.message.startsWith(`${running!.workspace.policyFile}:`));
    expect(located?.message).toMatch(/support-refunds\.yaml:\d+:\d+ {2}\S/);
    expect(await decidedVersion(running)).toEqual({ version: 4, route: 'auto' });
    const metrics = (await running.server.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/oversight_policy_reloads_total\{result="failure"\} [1-9]/);
  });

  it('reloads a directory of policies as one set, refusing two of the same name', async () => {
    const workspace = new Workspace();
    const policies = join(workspace.dir, 'policies');
    mkdirSync(join(policies, 'support'), { recursive: true });
    writeFileSync(join(policies, 'support', 'support-refunds.yaml'), POLICY_TEXT);
    writeFileSync(join(policies, 'support', 'support-refunds.cases.yaml'), 'policy: support-refunds.yaml\ncases: []\n');
    running = await startTestServer({ policies }, workspace);
    writeFileSync(join(policies, 'copy.yml'), POLICY_TEXT.replace('version: 4', 'version: 9'));
    const refused = await running.server.reload();
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.diagnostics.map((d) => d.ruleId)).toEqual(['duplicate-policy-name']);
    writeFileSync(join(policies, 'copy.yml'), POLICY_TEXT.replace('version: 4', 'version: 9').replace('name: support-refunds', 'name: support-refunds-eu'));
    const reloaded = await running.server.reload();
    expect(reloaded.ok && reloaded.policies.map((p) => `${p.name}@${p.version}`).sort()).toEqual(['support-refunds-eu@9', 'support-refunds@4']);
    const eu = await running.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds-eu', payload: refund(20) });
    expect(json(eu.body).decision).toMatchObject({ policy: { name: 'support-refunds-eu', version: 9 } });
  });
});

describe('startup', () => {
  it('refuses to start on a policy that does not load, with file:line:col diagnostics, and closes the store', async () => {
    const workspace = new Workspace();
    try {
      workspace.writePolicy(['onError: escalate', 'onError: auto']);
      const store = await JsonlDecisionLog.open(workspace.logFile);
      const start = buildServer({ policies: workspace.policyFile, store, auth: { insecureNoAuth: true }, log: { info() {}, warn() {}, error() {} } });
      await expect(start).rejects.toBeInstanceOf(PolicyLoadError);
      await expect(start).rejects.toThrow(/support-refunds\.yaml:\d+:\d+/);
      await expect(JsonlDecisionLog.open(workspace.logFile).then((log) => log.close())).resolves.toBeUndefined();
    } finally {
      workspace.remove();
    }
  });
});
