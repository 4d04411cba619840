// The mappings between a tools/call and facts, and the shipped policy's cases and lint.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { evaluate } from '@oversight/core';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultFacts, defaultToolCall, filesystemFacts } from '../src/index.js';
import { oversight } from './oversight-command.js';
import { loadFilesystemPolicy, makeWorkspace, POLICY_FILE } from './support.js';

describe('the default mapping', () => {
  it('puts the tool name beside the arguments, and refuses an argument that would hide it', () => {
    expect(defaultFacts('issueRefund', { amount: 20, currency: 'USD' })).toEqual({ tool: 'issueRefund', amount: 20, currency: 'USD' });
    expect(() => defaultFacts('deploy', { tool: 'kubectl' })).toThrow(/argument named 'tool'/);
  });

  it('turns facts back into the call, keeping only the arguments the tool declares', () => {
    const tool: Tool = { name: 'write_file', inputSchema: { type: 'object', properties: { path: {}, content: {} } } };
    const facts = { tool: 'write_file', path: '/w/a.md', content: 'x', irreversible: true, targets: ['/w/a.md'] };
    expect(defaultToolCall(facts, () => tool)).toEqual({ name: 'write_file', arguments: { path: '/w/a.md', content: 'x' } });
    expect(defaultToolCall({ tool: 'free_form', a: 1 }, () => undefined)).toEqual({ name: 'free_form', arguments: { a: 1 } });
    expect(() => defaultToolCall({ path: '/w' }, () => undefined)).toThrow(/no 'tool' fact/);
  });
});

describe('filesystemFacts', () => {
  const { dir, workspace } = makeWorkspace('oversight-mcp-facts-');
  const facts = filesystemFacts({ roots: [workspace] });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves relative, dotted, symlinked and differently cased paths to where the server writes', async () => {
    mkdirSync(join(workspace, 'docs', 'inner'));
    symlinkSync(join(workspace, 'contracts'), join(workspace, 'docs', 'inner', 'signed'));
    const cases: [string, string[]][] = [
      ['docs/a.md', ['docs', 'a.md']],
      [join(workspace, 'docs', '..', 'contracts', 'b.md'), ['contracts', 'b.md']],
      [join(workspace, 'docs', 'inner', 'signed', 'new', 'c.md'), ['contracts', 'new', 'c.md']],
      ['Contracts/D.md', ['contracts', 'd.md']],
    ];
    for (const [path, segments] of cases) {
      const mapped = await facts('write_file', { path, content: '' });
      expect(mapped.pathSegments, path).toEqual(segments);
    }
    expect((await facts('write_file', { path: 'docs/a.md', content: '' })).targets).toEqual([join(workspace, 'docs', 'a.md')]);
    expect((await facts('read_text_file', { path: '~/x' })).targets).toEqual([join(homedir(), 'x')]);
  });

  it('covers every path of a call, and says which tools cannot be undone', async () => {
    expect(await facts('move_file', { source: 'docs/readme.md', destination: 'drafts/readme.md' })).toEqual({
      tool: 'move_file',
      source: 'docs/readme.md',
      destination: 'drafts/readme.md',
      targets: [join(workspace, 'docs', 'readme.md'), join(workspace, 'drafts', 'readme.md')],
      pathSegments: ['docs', 'readme.md', 'drafts'],
      irreversible: true,
    });
    expect(await facts('read_multiple_files', { paths: ['docs/readme.md', 'contracts/nda.md'] })).toMatchObject({ pathSegments: ['docs', 'readme.md', 'contracts', 'nda.md'], irreversible: false });
    expect(await facts('list_allowed_directories', {})).toEqual({ tool: 'list_allowed_directories', targets: [], pathSegments: [], irreversible: false });
    expect(await facts('edit_file', { path: 'docs/readme.md', edits: [] })).toMatchObject({ dryRun: false, irreversible: true });
    expect(await facts('edit_file', { path: 'docs/readme.md', edits: [], dryRun: true })).toMatchObject({ dryRun: true, irreversible: false });
    expect(await facts('create_directory', { path: 'reports' })).toMatchObject({ irreversible: false });
    expect(await facts('format_disk', {})).toMatchObject({ irreversible: true });
    await expect(facts('write_file', { path: 'a', content: '', irreversible: false })).rejects.toThrow(/derives itself/);
  });

  it('produces facts the filesystem-tools policy routes as its cases say', async () => {
    const policy = loadFilesystemPolicy();
    const route = async (tool: string, args: Record<string, unknown>) => evaluate(policy, await facts(tool, args)).route;
    expect(await route('read_text_file', { path: 'contracts/nda.md' })).toBe('auto');
    expect(await route('write_file', { path: 'docs/n.md', content: 'x' })).toBe('approve_before');
    expect(await route('write_file', { path: 'docs/../contracts/nda.md', content: 'x' })).toBe('deny');
    expect(await route('write_file', { path: 'drafts/n.md', content: 'x' })).toBe('review_after');
    expect(await route('write_file', { path: '.github/workflows/ci.yml', content: 'x' })).toBe('escalate');
    expect(await route('edit_file', { path: 'docs/readme.md', edits: [{ oldText: 'a', newText: 'b' }], dryRun: true })).toBe('auto');
  });
});

describe('the filesystem-tools policy', () => {
  const policies = fileURLToPath(new URL('../policies', import.meta.url));

  it('passes its cases (oversight test)', async () => {
    const result = await oversight('test', policies);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/22 cases passed in 1 file/);
    expect(result.exitCode).toBe(0);
  });

  it('lints without errors; the one warning is its drafts/ exemption, reported on purpose (oversight lint)', async () => {
    const result = await oversight('lint', fileURLToPath(POLICY_FILE), '--format', 'json');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as { errors: number; warnings: number; files: { diagnostics: { ruleId: string }[] }[] };
    expect(report.errors).toBe(0);
    expect(report.files[0]?.diagnostics.map((diagnostic) => diagnostic.ruleId)).toEqual(['irreversible-exemption']);
  });
});
