// The README's usage example, kept here so it is type-checked with the package
// (it imports only @oversight/*, the MCP SDK and node: builtins, as the README must).
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog } from '@oversight/gate';
import { createOversightProxy, filesystemFacts } from '@oversight/mcp';

const loaded = loadPolicy(readFileSync('policies/filesystem-tools.yaml', 'utf8'), 'policies/filesystem-tools.yaml');
if (!loaded.ok) throw new Error('the policy does not load');
const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store: await JsonlDecisionLog.open('decisions.jsonl') });

// The real server, as the proxy's upstream.
const upstream = new Client({ name: 'oversight-proxy', version: '1.0.0' });
await upstream.connect(new StdioClientTransport({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/srv/workspace'] }));

// The proxy, served to the agent's MCP host on stdio.
const proxy = createOversightProxy({
  upstream,
  gate,
  policy: 'filesystem-tools',
  facts: filesystemFacts({ roots: ['/srv/workspace'] }),
  proposer: { id: 'docs-agent', kind: 'agent' },
  hold: { mode: 'pending' },
});
await proxy.connect(new StdioServerTransport());

// A reviewer answers a held call (from a queue page, a Slack button, ...):
export async function approve(proposalId: string): Promise<void> {
  await proxy.answer(proposalId, { decision: 'approve', reviewer: { id: 'rita@example.com', role: 'file-reviewer' } });
}
