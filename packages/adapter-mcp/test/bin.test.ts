// The command line: oversight-mcp started over stdio by an MCP client, the
// filesystem server behind it, a reviewer answering on its loopback endpoint.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { parseCliOptions, UsageError } from '../src/cli.js';
import { oversight } from './oversight-command.js';
import { decisionOf, eventually, FILESYSTEM_SERVER, LONG, makeWorkspace, POLICY_FILE, RITA, sha256, textOf } from './support.js';

const TSX = createRequire(import.meta.url).resolve('tsx/cli');
const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const TOKEN = 'test-review-token-0123456789';

describe('parseCliOptions', () => {
  it('reads the options and the upstream command after --', () => {
    const options = parseCliOptions(['--policy', 'p.yaml', '--log', 'd.jsonl', '--root', '/srv/ws', '--hold', 'wait:30000', '--', 'npx', '-y', 'server', '/srv/ws', '--help'], {});
    expect(options).toEqual({
      policy: 'p.yaml',
      log: 'd.jsonl',
      facts: 'filesystem',
      roots: ['/srv/ws'],
      hold: { mode: 'wait', timeoutMs: 30000 },
      retry: 'status-tool',
      proposer: 'mcp-agent',
      command: 'npx',
      args: ['-y', 'server', '/srv/ws', '--help'],
    });
    expect(parseCliOptions(['--policy', 'p', '--log', 'l', '--', 'srv'], { OVERSIGHT_REVIEW_TOKEN: 't' })).toMatchObject({ facts: 'default', hold: { mode: 'pending' }, reviewToken: 't' });
  });

  it('says what is missing or wrong', () => {
    expect(() => parseCliOptions(['--log', 'l', '--', 'srv'], {})).toThrow(/--policy <file> is required/);
    expect(() => parseCliOptions(['--policy', 'p', '--log', 'l'], {})).toThrow(/name the upstream server after --/);
    expect(() => parseCliOptions(['--policy', 'p', '--log', 'l', '--hold', 'forever', '--', 's'], {})).toThrow(UsageError);
    expect(() => parseCliOptions(['--policy', 'p', '--log', 'l', '--facts', 'filesystem', '--', 's'], {})).toThrow(/--root/);
    expect(() => parseCliOptions(['--policy', 'p', '--log', 'l', '--polcy', 'x', '--', 's'], {})).toThrow(UsageError);
  });
});

it('serves the filesystem server through the proxy on stdio; a reviewer answers over HTTP; the log verifies', async () => {
  const { dir, workspace, logPath } = makeWorkspace('oversight-mcp-bin-');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [TSX, '--conditions=@oversight/source', BIN, '--policy', fileURLToPath(POLICY_FILE), '--log', logPath, '--root', workspace, '--review-port', '0', '--review-token', TOKEN, '--', process.execPath, FILESYSTEM_SERVER, workspace],
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'bin-agent', version: '1.0.0' });
  await client.connect(transport, { timeout: LONG });
  try {
    const review = await eventually(() => /reviewers answer at (http:\/\/127\.0\.0\.1:\d+)\/held/.exec(stderr)?.[1]);
    const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args }, undefined, { timeout: LONG })) as CallToolResult;

    expect(textOf(await call('read_text_file', { path: `${workspace}/docs/readme.md` }))).toContain('How we work.');
    const nda = `${workspace}/contracts/nda.md`;
    const before = sha256(nda);
    expect((await call('write_file', { path: nda, content: 'VOID' })).isError).toBe(true);
    expect(sha256(nda)).toBe(before);

    const target = `${workspace}/docs/cli.md`;
    const pending = await call('write_file', { path: target, content: 'from the command line\n' });
    const { proposalId } = decisionOf(pending);

    expect((await fetch(`${review}/held`)).status).toBe(401);
    const held = (await (await fetch(`${review}/held`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { id: string; call: { name: string }; packet: string }[];
    expect(held.map((item) => [item.id, item.call.name])).toEqual([[proposalId, 'write_file']]);
    expect(held[0]?.packet).toContain('Needs approval before it runs');
    const answered = await fetch(`${review}/held/${proposalId}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ decision: 'approve', reviewer: RITA }) });
    expect(await answered.json()).toMatchObject({ id: proposalId, status: 'approved', effect: 'run' });
    expect(existsSync(target)).toBe(false);

    const ran = await call('oversight_status', { proposalId });
    expect(ran.isError).toBeFalsy();
    expect(readFileSync(target, 'utf8')).toBe('from the command line\n');
  } finally {
    await client.close();
  }
  // The proxy closes its gate when its client goes; the log is then whole.
  await eventually(() => (existsSync(`${logPath}.lock`) ? undefined : true));
  const verified = await oversight('log', 'verify', logPath);
  expect(verified.exitCode).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});
