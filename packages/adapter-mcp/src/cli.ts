// The command line: `oversight-mcp [options] -- <command> [args...]` starts the
// upstream MCP server over stdio, and serves it through the proxy on stdio.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog } from '@oversight/gate';
import { filesystemFacts } from './filesystem-facts.js';
import { createOversightProxy, type OversightProxy } from './proxy.js';
import { createReviewServer } from './review-http.js';
import type { FactsMapping, HoldMode, RetryMode, ToolCallMapping } from './types.js';

export const USAGE = `usage: oversight-mcp --policy <file> --log <file> [options] -- <command> [args...]

Starts <command> as an MCP server over stdio and serves it on stdio through the
Oversight proxy: every tools/call is routed by the policy.

  --policy <file>        the routing policy (YAML)
  --log <file>           the decision log (JSON Lines; created if missing)
  --facts <mapping>      default: { tool, ...arguments }; filesystem: the filesystem-server mapping
                         (needs --root); or a module path whose default export is (toolName, args) => facts
                         and whose optional export toolCall is facts => { name, arguments }
  --root <dir>           an allowed directory of the filesystem server (repeat for several)
  --hold <mode>          pending (default): answer "approval pending" at once; wait:<ms>: wait that long first
  --retry <mode>         status-tool (default): add the oversight_status tool; resend: the client resends the call
  --proposer <id>        who proposes (default: mcp-agent)
  --review-port <port>   serve GET /held and POST /held/<id> on 127.0.0.1:<port> (0: any free port)
  --review-token <t>     the reviewers' bearer token (default: $OVERSIGHT_REVIEW_TOKEN, else a random one, printed)
`;

export interface CliOptions {
  policy: string;
  log: string;
  facts: string;
  roots: string[];
  hold: HoldMode;
  retry: RetryMode;
  proposer: string;
  reviewPort?: number;
  reviewToken?: string;
  command: string;
  args: string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses the command line; a mistake is a {@link UsageError} that says what to write. */
export function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        policy: { type: 'string' },
        log: { type: 'string' },
        facts: { type: 'string' },
        root: { type: 'string', multiple: true },
        hold: { type: 'string', default: 'pending' },
        retry: { type: 'string', default: 'status-tool' },
        proposer: { type: 'string', default: 'mcp-agent' },
        'review-port': { type: 'string' },
        'review-token': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.policy === undefined) throw new UsageError('--policy <file> is required');
  if (values.log === undefined) throw new UsageError('--log <file> is required');
  const [command, ...args] = positionals;
  if (command === undefined) throw new UsageError('name the upstream server after --, e.g. -- npx -y @modelcontextprotocol/server-filesystem /srv/workspace');
  const roots = values.root ?? [];
  const facts = values.facts ?? (roots.length > 0 ? 'filesystem' : 'default');
  if (facts === 'filesystem' && roots.length === 0) throw new UsageError('--facts filesystem needs the server\'s allowed directories: --root <dir>');
  const hold = parseHold(values.hold);
  if (values.retry !== 'status-tool' && values.retry !== 'resend') throw new UsageError(`--retry is status-tool or resend, not ${values.retry}`);
  const port = values['review-port'];
  if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new UsageError(`--review-port is a port number, not ${port}`);
  const token = values['review-token'] ?? env.OVERSIGHT_REVIEW_TOKEN;
  return {
    policy: values.policy,
    log: values.log,
    facts,
    roots,
    hold,
    retry: values.retry,
    proposer: values.proposer,
    ...(port !== undefined && { reviewPort: Number(port) }),
    ...(token !== undefined && { reviewToken: token }),
    command,
    args,
  };
}

function parseHold(value: string): HoldMode {
  if (value === 'pending') return { mode: 'pending' };
  const wait = /^wait:(\d+)$/.exec(value);
  if (wait) return { mode: 'wait', timeoutMs: Number(wait[1]) };
  throw new UsageError(`--hold is pending or wait:<milliseconds>, not ${value}`);
}

export interface RunningProxy {
  proxy: OversightProxy;
  /** The review endpoint's address, when one was asked for. */
  review?: { url: string; token: string };
  close(): Promise<void>;
}

/** Starts the upstream server, the gate and the proxy, and serves the proxy on this process's stdio. */
export async function startCli(options: CliOptions, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<RunningProxy> {
  const text = readFileSync(options.policy, 'utf8');
  const loaded = loadPolicy(text, options.policy);
  if (!loaded.ok) throw new UsageError(`${options.policy} does not load:\n${loaded.diagnostics.map((d) => `  ${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n')}`);
  const mapping = await loadMapping(options);

  const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store: await JsonlDecisionLog.open(options.log) });
  const upstream = new Client({ name: 'oversight-mcp', version: '0.1.0' });
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  await upstream.connect(new StdioClientTransport({ command: options.command, args: options.args, env, stderr: 'inherit' }));
  const proxy = createOversightProxy({
    upstream,
    gate,
    policy: loaded.policy.metadata.name,
    ...mapping,
    proposer: { id: options.proposer, kind: 'agent' },
    hold: options.hold,
    retry: options.retry,
  });

  let review: RunningProxy['review'];
  let http: HttpServer | undefined;
  if (options.reviewPort !== undefined) {
    const token = options.reviewToken ?? randomBytes(24).toString('base64url');
    http = createReviewServer(proxy, { token });
    const server = http;
    await new Promise<void>((done) => server.listen(options.reviewPort, '127.0.0.1', done));
    review = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token };
    log(`oversight-mcp: reviewers answer at ${review.url}/held${options.reviewToken === undefined ? ` with Authorization: Bearer ${token}` : ' (token as given)'}`);
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await proxy.close();
      await upstream.close();
      if (http) await new Promise<void>((done) => http.close(() => done()));
      await gate.close();
    })());
  await proxy.connect(new StdioServerTransport());
  log(`oversight-mcp: ${options.command} behind policy ${loaded.policy.metadata.name}; decisions in ${options.log}`);
  return { proxy, ...(review && { review }), close };
}

async function loadMapping(options: CliOptions): Promise<{ facts?: FactsMapping; toolCall?: ToolCallMapping }> {
  if (options.facts === 'default') return {};
  if (options.facts === 'filesystem') return { facts: filesystemFacts({ roots: options.roots }) };
  const module = (await import(pathToFileURL(resolve(options.facts)).href)) as { default?: unknown; toolCall?: unknown };
  if (typeof module.default !== 'function') throw new UsageError(`${options.facts} must export a default function (toolName, args) => facts`);
  return {
    facts: module.default as FactsMapping,
    ...(typeof module.toolCall === 'function' && { toolCall: module.toolCall as ToolCallMapping }),
  };
}
