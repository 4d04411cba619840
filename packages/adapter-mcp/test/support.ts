// A workspace served by the official MCP filesystem server over stdio, the
// proxy in front of it with the filesystem-tools policy and a JSONL decision
// log, and an MCP client (the "agent") connected to the proxy in memory.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { compilePolicy, loadPolicy, type CompiledPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog, type Gate, type ProposalView } from '@oversight/gate';
import { createOversightProxy, DECISION_META_KEY, filesystemFacts, type DecisionMeta, type HoldMode, type OversightProxy, type RetryMode } from '../src/index.js';

export const FILESYSTEM_SERVER = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-filesystem/dist/index.js');
export const POLICY_FILE = new URL('../policies/filesystem-tools.yaml', import.meta.url);
export const AGENT = { id: 'docs-agent', kind: 'agent' };
export const RITA = { id: 'rita@example.com', role: 'file-reviewer' };
export const SAM = { id: 'sam@example.com', role: 'file-reviewer' };
export const OWEN = { id: 'owen@example.com', role: 'workspace-owner' };
/** Generous: the wait ends with the answer, never with this limit, on however slow a machine. */
export const LONG = 600_000;

export function loadFilesystemPolicy(): CompiledPolicy {
  const loaded = loadPolicy(readFileSync(POLICY_FILE, 'utf8'), POLICY_FILE.pathname);
  if (!loaded.ok) throw new Error(`the filesystem-tools policy does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return compilePolicy(loaded.policy);
}

/** A fresh temp directory with a workspace of docs/, contracts/ and drafts/. */
export function makeWorkspace(prefix = 'oversight-mcp-'): { dir: string; workspace: string; logPath: string } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const workspace = join(dir, 'workspace');
  mkdirSync(join(workspace, 'docs'), { recursive: true });
  mkdirSync(join(workspace, 'contracts'));
  mkdirSync(join(workspace, 'drafts'));
  writeFileSync(join(workspace, 'docs', 'readme.md'), '# Handbook\n\nHow we work.\n');
  writeFileSync(join(workspace, 'contracts', 'nda.md'), 'MUTUAL NON-DISCLOSURE AGREEMENT\nSigned 2026-01-12.\n');
  return { dir, workspace, logPath: join(dir, 'decisions.jsonl') };
}

/** Starts the filesystem server over stdio, as a client of it (the proxy's upstream). */
export async function connectFilesystemServer(workspace: string): Promise<Client> {
  const upstream = new Client({ name: 'oversight-proxy-upstream', version: '0.1.0' });
  await upstream.connect(new StdioClientTransport({ command: process.execPath, args: [FILESYSTEM_SERVER, workspace], stderr: 'ignore' }));
  return upstream;
}

export interface Rig {
  dir: string;
  workspace: string;
  logPath: string;
  gate: Gate;
  proxy: OversightProxy;
  upstream: Client;
  /** The agent: an MCP client connected to the proxy. */
  client: Client;
  /** A path in the workspace. */
  at(...parts: string[]): string;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export async function startRig(options: { hold: HoldMode; retry?: RetryMode }): Promise<Rig> {
  const { dir, workspace, logPath } = makeWorkspace();
  const upstream = await connectFilesystemServer(workspace);
  const gate = await createGate({ policies: [loadFilesystemPolicy()], store: await JsonlDecisionLog.open(logPath) });
  const proxy = createOversightProxy({
    upstream,
    gate,
    policy: 'filesystem-tools',
    facts: filesystemFacts({ roots: [workspace] }),
    proposer: AGENT,
    hold: options.hold,
    ...(options.retry && { retry: options.retry }),
  });
  const [agentSide, proxySide] = InMemoryTransport.createLinkedPair();
  await proxy.connect(proxySide);
  const client = new Client({ name: 'docs-agent', version: '1.0.0' });
  await client.connect(agentSide);
  return {
    dir,
    workspace,
    logPath,
    gate,
    proxy,
    upstream,
    client,
    at: (...parts) => join(workspace, ...parts),
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args }, undefined, { timeout: LONG })) as CallToolResult,
    close: async () => {
      await client.close();
      await proxy.close();
      await upstream.close();
      await gate.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `probe` returns something: no timing is asserted, it only polls until the proxy got there. */
export async function eventually<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The one call the proxy holds for a person, once it holds it. */
export function heldCall(proxy: OversightProxy): Promise<ProposalView> {
  return eventually(() => proxy.pending()[0]);
}

export function textOf(result: CallToolResult): string {
  return result.content.map((item) => (item.type === 'text' ? item.text : `[${item.type}]`)).join('\n');
}

export function decisionOf(result: CallToolResult): DecisionMeta {
  const meta = result._meta?.[DECISION_META_KEY] as DecisionMeta | undefined;
  if (!meta) throw new Error(`the result carries no ${DECISION_META_KEY}: ${JSON.stringify(result)}`);
  return meta;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
