// Smoke test: the same proxy served over Streamable HTTP (one proxy a session,
// all over one gate), driven by the SDK's Streamable HTTP client.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createGate, JsonlDecisionLog } from '@oversight/gate';
import { afterEach, expect, it } from 'vitest';
import { createOversightProxy, filesystemFacts, type OversightProxy } from '../src/index.js';
import { oversight } from './oversight-command.js';
import { AGENT, connectFilesystemServer, decisionOf, loadFilesystemPolicy, LONG, makeWorkspace, RITA, textOf } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('serves the proxy over Streamable HTTP: reads run, writes wait for approval, the log verifies', async () => {
  const { dir, workspace, logPath } = makeWorkspace();
  const upstream = await connectFilesystemServer(workspace);
  const gate = await createGate({ policies: [loadFilesystemPolicy()], store: await JsonlDecisionLog.open(logPath) });
  cleanups.push(async () => {
    await upstream.close();
    await gate.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // One transport and one proxy a session; every proxy shares the gate.
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; proxy: OversightProxy }>();
  const http: HttpServer = createServer((req, res) => {
    void (async () => {
      const id = req.headers['mcp-session-id'];
      let session = typeof id === 'string' ? sessions.get(id) : undefined;
      if (!session) {
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID, onsessioninitialized: (sessionId) => void sessions.set(sessionId, { transport, proxy }) });
        const proxy = createOversightProxy({ upstream, gate, policy: 'filesystem-tools', facts: filesystemFacts({ roots: [workspace] }), proposer: AGENT, hold: { mode: 'pending' } });
        await proxy.connect(transport);
        session = { transport, proxy };
      }
      await session.transport.handleRequest(req, res);
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const { proxy } of sessions.values()) await proxy.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  const client = new Client({ name: 'http-agent', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`)), { timeout: LONG });
  cleanups.push(() => client.close());

  const tools = await client.listTools();
  expect(tools.tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['read_text_file', 'write_file', 'move_file', 'oversight_status']));

  const read = (await client.callTool({ name: 'read_text_file', arguments: { path: `${workspace}/docs/readme.md` } }, undefined, { timeout: LONG })) as CallToolResult;
  expect(textOf(read)).toContain('How we work.');

  const target = `${workspace}/docs/http.md`;
  const pending = (await client.callTool({ name: 'write_file', arguments: { path: target, content: 'over HTTP\n' } }, undefined, { timeout: LONG })) as CallToolResult;
  expect(pending.isError).toBe(true);
  const { proposalId } = decisionOf(pending);
  expect(existsSync(target)).toBe(false);

  const [session] = sessions.values();
  await session!.proxy.answer(proposalId, { decision: 'approve', reviewer: RITA });
  const ran = (await client.callTool({ name: 'oversight_status', arguments: { proposalId } }, undefined, { timeout: LONG })) as CallToolResult;
  expect(ran.isError).toBeFalsy();
  expect(readFileSync(target, 'utf8')).toBe('over HTTP\n');

  await gate.close();
  expect((await oversight('log', 'verify', logPath)).exitCode).toBe(0);
});
