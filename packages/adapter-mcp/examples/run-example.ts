// A scripted agent edits a small workspace through the official MCP filesystem
// server, with the Oversight proxy in between and a scripted reviewer answering
// what the proxy holds. No model and no API key: the agent is an MCP client
// that calls tools in a fixed order, as a model's tool calls would arrive.
//
//   pnpm example
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog, renderPacket, type ProposalView } from '@oversight/gate';
import { createOversightProxy, DECISION_META_KEY, filesystemFacts, type DecisionMeta, type OversightProxy, type ToolCallAnswer } from '../src/index.js';

const POLICY_FILE = new URL('../policies/filesystem-tools.yaml', import.meta.url);
const FILESYSTEM_SERVER = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-filesystem/dist/index.js');
const RITA = { id: 'rita@example.com', role: 'file-reviewer' };

export interface ExampleRun {
  workspace: string;
  logPath: string;
  /** One line a tool call: the tool, where the gate sent it, and what came of it. */
  decisions: string[];
}

/** Runs the scripted session in a fresh temp directory; `print` receives what a person would read. */
export async function runExample(print: (line: string) => void = () => undefined): Promise<ExampleRun> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'oversight-mcp-example-')));
  const workspace = join(dir, 'workspace');
  for (const folder of ['docs', 'contracts', 'drafts']) mkdirSync(join(workspace, folder), { recursive: true });
  writeFileSync(join(workspace, 'docs', 'readme.md'), '# Handbook\n\nReleases go out on Thursdays.\n');
  writeFileSync(join(workspace, 'contracts', 'nda.md'), 'MUTUAL NON-DISCLOSURE AGREEMENT\n');
  const logPath = join(dir, 'decisions.jsonl');

  const loaded = loadPolicy(readFileSync(POLICY_FILE, 'utf8'), POLICY_FILE.pathname);
  if (!loaded.ok) throw new Error('policies/filesystem-tools.yaml does not load');
  const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store: await JsonlDecisionLog.open(logPath) });

  const upstream = new Client({ name: 'oversight-proxy', version: '0.1.0' });
  await upstream.connect(new StdioClientTransport({ command: process.execPath, args: [FILESYSTEM_SERVER, workspace], stderr: 'ignore' }));
  const proxy = createOversightProxy({
    upstream,
    gate,
    policy: 'filesystem-tools',
    facts: filesystemFacts({ roots: [workspace] }),
    proposer: { id: 'docs-agent', kind: 'agent' },
    // Each call waits for the scripted reviewer; the limit only matters if nobody answers.
    hold: { mode: 'wait', timeoutMs: 600_000 },
  });
  const [agentSide, proxySide] = InMemoryTransport.createLinkedPair();
  await proxy.connect(proxySide);
  const agent = new Client({ name: 'docs-agent', version: '1.0.0' });
  await agent.connect(agentSide);

  // The reviewer reads each held call's packet and answers by a script.
  const reviewer = startScriptedReviewer(proxy, print, (view) => {
    const target = String(view.proposal.facts.path ?? '');
    if (target.endsWith('pricing.md')) return { decision: 'reject', reviewer: RITA, reason: 'Prices are published by sales, not in the handbook.' };
    if (target.endsWith('schedule.md')) {
      return { decision: 'edit', reviewer: RITA, reason: 'Releases are on Thursdays.', editedArguments: { path: target, content: 'Next release: Thursday.\n' } };
    }
    return { decision: 'approve', reviewer: RITA };
  });

  const decisions: string[] = [];
  const calls: [string, Record<string, unknown>][] = [
    ['read_text_file', { path: join(workspace, 'docs', 'readme.md') }],
    ['write_file', { path: join(workspace, 'docs', 'release-notes.md'), content: '## 2.4\n- Faster search\n' }],
    ['write_file', { path: join(workspace, 'docs', 'pricing.md'), content: 'Pro plan: $5/month\n' }],
    ['write_file', { path: join(workspace, 'docs', 'schedule.md'), content: 'Next release: Friday.\n' }],
    ['write_file', { path: join(workspace, 'contracts', 'nda.md'), content: 'VOID\n' }],
    ['write_file', { path: join(workspace, 'drafts', 'ideas.md'), content: '- a changelog page\n' }],
  ];
  try {
    for (const [tool, args] of calls) {
      print(`\nagent → ${tool} ${String(args.path).replace(`${workspace}/`, '')}`);
      const result = (await agent.callTool({ name: tool, arguments: args }, undefined, { timeout: 600_000 })) as CallToolResult;
      const meta = result._meta?.[DECISION_META_KEY] as DecisionMeta | undefined;
      const text = result.content.map((item) => (item.type === 'text' ? item.text : `[${item.type}]`)).join(' ').replaceAll(`${workspace}/`, '').replace(/\s+/g, ' ');
      const line = `${tool} ${String(args.path).replace(`${workspace}/`, '')}: ${meta?.route ?? '?'} → ${meta?.status ?? '?'}${result.isError ? ' (not run)' : ''}`;
      decisions.push(line);
      print(`  ${result.isError ? 'error' : 'result'}: ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`);
    }
  } finally {
    await reviewer.stop();
    await agent.close();
    await proxy.close();
    await upstream.close();
    await gate.close();
  }
  return { workspace, logPath, decisions };
}

/** Polls the proxy for held calls and answers each once. */
function startScriptedReviewer(proxy: OversightProxy, print: (line: string) => void, decide: (view: ProposalView) => ToolCallAnswer): { stop(): Promise<void> } {
  let running = true;
  const answered = new Set<string>();
  const loop = (async () => {
    while (running) {
      for (const view of proxy.pending()) {
        if (answered.has(view.proposal.id)) continue;
        answered.add(view.proposal.id);
        // The packet's head: what is proposed and why a person sees it (the rest lists every fact).
        const packet = renderPacket(view.proposal, 'text').split('\n');
        print(packet.slice(0, packet.indexOf('Proposed action')).filter((line) => line !== '').map((line) => `  | ${line}`).join('\n'));
        const answer = decide(view);
        print(`  reviewer ${answer.reviewer?.id ?? '?'}: ${answer.decision}${answer.reason ? ` (${answer.reason})` : ''}`);
        await proxy.answer(view.proposal.id, answer);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const run = await runExample((line) => console.log(line));
  console.log('\nDecisions:');
  for (const line of run.decisions) console.log(`  ${line}`);
  console.log(`\nDecision log: ${run.logPath}`);
  console.log(`Check it:     oversight log verify ${run.logPath}`);
}
