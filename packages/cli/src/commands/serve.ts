// `oversight serve`: the decision service over HTTP, for agents in any
// language and for several replicas on one PostgreSQL. Runs until SIGTERM or
// SIGINT, then finishes what is in flight, flushes the store and exits 0.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { closeOnSignals, isPostgresUrl, openStore, PolicyLoadError, startServer, type AuthOptions, type RunningServer } from '@oversight/server';
import { EXIT } from '../exit-codes.js';
import { escapeControls } from '../format/escape-controls.js';
import type { CliIo } from '../io.js';
import { writeText } from '../output/write-text.js';

interface ServeOptions {
  policies: string;
  store: string;
  port: number;
  host: string;
  jwtKey?: string;
  jwks?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  insecureNoAuth?: boolean;
  fsyncEvery?: number;
}

const SERVE_HELP_AFTER = `
Routes (JSON; every error is application/problem+json):
  POST /v1/decide/{policy}          facts in, decision out, logged
  POST /v1/proposals                { policy, facts, proposer, decisionKey? }
  GET  /v1/proposals?status=pending&reviewer=ROLE      (reviewer token)
  GET  /v1/proposals/{id}
  POST /v1/proposals/{id}/answer    approve | reject | edit | escalate (reviewer token)
  POST /v1/proposals/{id}/claim     { facts }: run an approved action once
  GET  /healthz   GET /metrics (Prometheus)   GET /openapi.json (OpenAPI 3.1)

Reviewers authenticate with a bearer JWT (claims sub and role) verified with
--jwt-key or --jwks; --insecure-no-auth trusts the answer's body instead, for
development on loopback only. Policies reload when their files change; one
that does not load is logged and the previous version keeps serving.
--store takes a JSON Lines log (one process) or a PostgreSQL URL (several
replicas); OVERSIGHT_STORE keeps a password off the command line. A decision
is answered once it is durable (fdatasync, or the PostgreSQL commit); with
--fsync-every, once written to the log file, synced within that window.

Examples:
  $ oversight serve --policies policies/ --insecure-no-auth
  $ OVERSIGHT_STORE=postgres://oversight@db/oversight oversight serve --policies policies/ --jwks reviewers.jwks.json --host 0.0.0.0
  $ curl -s localhost:8181/v1/decide/support-refunds -H 'content-type: application/json' -d '{"actionType":"refund","amount":40,...}'

Exit codes:
  0  stopped by SIGTERM or SIGINT after finishing in-flight requests
  2  usage error, a policy that does not load, a store that cannot be opened, or a port in use`;

export function registerServeCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('serve')
    .description('Run the decision service over HTTP: decide, propose, answer and claim agent actions from any language.')
    .option('--policies <path>', 'a policy file or a directory of them', 'policies')
    .addOption(new Option('--store <store>', 'a JSON Lines decision log, or postgres://... for several replicas').env('OVERSIGHT_STORE').default('decisions.jsonl'))
    .addOption(new Option('--port <port>', 'the port to listen on (0: any free one)').argParser(parsePort).default(8181))
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option('--jwt-key <file>', "the public key (PEM or JWK) reviewers' bearer tokens are signed with")
    .option('--jwks <file>', 'a JSON Web Key Set file for reviewers\' tokens (the token\'s kid picks the key)')
    .option('--jwt-issuer <iss>', 'the iss a reviewer token must carry')
    .option('--jwt-audience <aud>', 'the aud a reviewer token must carry')
    .option('--insecure-no-auth', 'trust the reviewer an answer names (loopback development only)')
    .addOption(new Option('--fsync-every <ms>', 'JSONL store: answer once a decision is written, fdatasync within this many ms (survives a killed process; a power loss may lose the window)').argParser(parseMilliseconds))
    .addHelpText('after', SERVE_HELP_AFTER)
    .action(async (options: ServeOptions) => setExitCode(await serve(options, io)));
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new Error(`--port takes a number from 0 to 65535, not '${text}'`);
  return port;
}

function parseMilliseconds(text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 1 || ms > 60_000) throw new Error(`--fsync-every takes whole milliseconds from 1 to 60000, not '${text}'`);
  return ms;
}

function authOf(options: ServeOptions): AuthOptions | string {
  const keyed = options.jwtKey !== undefined || options.jwks !== undefined;
  if (options.insecureNoAuth) {
    if (keyed) return '--insecure-no-auth turns token checks off: drop it, or drop --jwt-key/--jwks';
    if (!isLoopback(options.host)) return `--insecure-no-auth serves on loopback only (127.0.0.1, ::1, localhost), not ${options.host}: anyone who reaches it could answer as any reviewer. Give --jwt-key or --jwks instead`;
    return { insecureNoAuth: true };
  }
  if (!keyed) return 'reviewers must authenticate: give --jwt-key <public key file> or --jwks <key set file> (or --insecure-no-auth for development on loopback)';
  return {
    ...(options.jwtKey !== undefined && { jwtKeyFile: resolve(options.jwtKey) }),
    ...(options.jwks !== undefined && { jwksFile: resolve(options.jwks) }),
    ...(options.jwtIssuer !== undefined && { issuer: options.jwtIssuer }),
    ...(options.jwtAudience !== undefined && { audience: options.jwtAudience }),
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

async function serve(options: ServeOptions, io: CliIo): Promise<number> {
  const fail = async (message: string): Promise<number> => {
    await writeText(io.stderr, `oversight serve: ${message}\n`);
    return EXIT.usage;
  };
  const auth = authOf(options);
  if (typeof auth === 'string') return fail(auth);
  let server: RunningServer;
  try {
    if (options.fsyncEvery !== undefined && isPostgresUrl(options.store)) return await fail('--fsync-every applies to a JSON Lines store; PostgreSQL commits each change before the service answers');
    const store = await openStore(isPostgresUrl(options.store) ? options.store : resolve(io.cwd, options.store), { jsonl: options.fsyncEvery === undefined ? {} : { syncEveryMs: options.fsyncEvery } });
    server = await startServer({ policies: resolve(io.cwd, options.policies), store, auth, port: options.port, host: options.host });
  } catch (error) {
    if (error instanceof PolicyLoadError) return fail(error.message);
    return fail(`cannot start: ${escapeControls((error as Error).message)}`);
  }
  const health = (await server.app.inject('/healthz')).json<{ policies: { name: string; version: number }[] }>();
  const policies = health.policies.map((policy) => `${policy.name} v${policy.version}`).join(', ');
  await writeText(io.stderr, `oversight serve: listening on ${server.url} (${policies}; store ${isPostgresUrl(options.store) ? 'PostgreSQL' : options.store})\n`);
  // Runs until SIGTERM or SIGINT: in-flight requests finish and the store is flushed before the exit code.
  return new Promise((done) => {
    const release = closeOnSignals(server, {
      exit: (code) => {
        release();
        done(code === 0 ? EXIT.ok : EXIT.internal);
      },
    });
  });
}
