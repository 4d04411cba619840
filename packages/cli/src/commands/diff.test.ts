import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '@oversight/core';
import { runOversight as oversight } from '../../test/memory-io.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const REFUNDS = readFileSync(join(ROOT, 'policies/support-refunds.yaml'), 'utf8');

interface DiffJson {
  equivalent: boolean;
  changed: { from: string; to: string; where: string[]; example: Record<string, unknown> }[];
  unknown: { where: string[] }[];
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-diff-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('oversight diff', () => {
  it('lists the regions a raised cap moves, in words, and each example reproduces with oversight eval', async () => {
    const dir = workspace({ 'main.yaml': REFUNDS, 'raised.yaml': REFUNDS.replace('value: 50\n', 'value: 100\n') });
    const markdown = await oversight(dir, 'diff', 'main.yaml', 'raised.yaml');
    expect(markdown.exitCode).toBe(0);
    expect(markdown.stdout).toContain('### approve_before → auto');
    expect(markdown.stdout).toContain('actionType = refund, amount in (50, 100\\]');

    const json = await oversight(dir, 'diff', 'main.yaml', 'raised.yaml', '--format', 'json');
    const diff = JSON.parse(json.stdout) as DiffJson;
    expect(diff.equivalent).toBe(false);
    expect(diff.changed.length).toBeGreaterThan(0);
    // Every region is inside the moved cap: amount in (50, 100].
    for (const region of diff.changed) expect(region.where).toContain('amount in (50, 100]');
    writeFileSync(join(dir, 'examples.jsonl'), diff.changed.map((region) => JSON.stringify(region.example)).join('\n'));
    const routes = async (policy: string) =>
      (await oversight(dir, 'eval', policy, 'examples.jsonl')).stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { route: string }).route);
    expect(await routes('main.yaml')).toEqual(diff.changed.map((region) => region.from));
    expect(await routes('raised.yaml')).toEqual(diff.changed.map((region) => region.to));
  });

  it('finds nothing when rules are reordered, renamed and the file reformatted, and --exit-code says so', async () => {
    // The same policy written as JSON (YAML's subset), its rules in reverse order and one renamed.
    const loaded = loadPolicy(REFUNDS, 'refunds.yaml');
    if (!loaded.ok) throw new Error('the shipped policy does not load');
    const rules = [...loaded.policy.spec.rules].reverse().map((rule) => (rule.id === 'refund-needs-approval' ? { ...rule, id: 'refund-approval-renamed' } : rule));
    const reordered = JSON.stringify({ ...loaded.policy, spec: { ...loaded.policy.spec, rules } }, null, 1);
    const dir = workspace({ 'main.yaml': REFUNDS, 'edited.yaml': reordered, 'raised.yaml': REFUNDS.replace('value: 50\n', 'value: 60\n') });
    const same = await oversight(dir, 'diff', 'main.yaml', 'edited.yaml', '--exit-code');
    expect(same.stdout).toContain('No input routes differently');
    expect(same.exitCode).toBe(0);
    const changed = await oversight(dir, 'diff', 'main.yaml', 'raised.yaml', '--exit-code');
    expect(changed.exitCode).toBe(1);
  });

  it('reads the baseline from git, and names a policy it cannot read', async () => {
    const repo = workspace({ 'refunds.yaml': REFUNDS });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=CI', '-c', 'user.email=ci@example.com', ...args], { cwd: repo });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'policy');
    writeFileSync(join(repo, 'refunds.yaml'), REFUNDS.replace('value: 50\n', 'value: 100\n'));
    const diff = JSON.parse((await oversight(repo, 'diff', 'main:refunds.yaml', 'refunds.yaml', '--format', 'json')).stdout) as DiffJson;
    expect(diff.changed.map((region) => `${region.from} → ${region.to}`)).toContain('approve_before → auto');

    const missing = await oversight(repo, 'diff', 'main:refunds.yaml', 'nope.yaml');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("cannot read policy file 'nope.yaml'");
  });
});
