// What the server's tests share: a temporary directory holding a copy of the
// shipped support-refunds policy and a decision log, a server built on them,
// the messages it logged, reviewer tokens signed with a key pair made per run,
// and the log read back.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { JsonlDecisionLog } from '@oversight/gate';
import { refund as sharedRefund } from 'oversight-test-fixtures';
import { buildServer, type OversightServer, type ServerLog, type ServerOptions } from '../src/index.js';
import { describeError } from '../src/server-log.js';

export const POLICY_SOURCE = new URL('../../../policies/support-refunds.yaml', import.meta.url);
export const POLICY_TEXT = readFileSync(POLICY_SOURCE, 'utf8');

/** A refund the support agent proposes: 20 runs alone, above 50 a team lead approves. */
export function refund(amount: number, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return sharedRefund(amount, { orderId: 'ORD-1002341', confidence: 0.97, ...changes });
}

export interface LogMessage {
  level: 'info' | 'warn' | 'error';
  message: string;
}

export function captureLog(messages: LogMessage[]): ServerLog {
  return {
    info: (message) => messages.push({ level: 'info', message }),
    warn: (message) => messages.push({ level: 'warn', message }),
    error: (message, error) => messages.push({ level: 'error', message: error === undefined ? message : `${message}: ${describeError(error)}` }),
  };
}

export class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'oversight-server-'));
  readonly policyFile = join(this.dir, 'support-refunds.yaml');
  readonly logFile = join(this.dir, 'decisions.jsonl');

  constructor() {
    copyFileSync(POLICY_SOURCE, this.policyFile);
  }

  /** Writes the policy with each [from, to] edit applied. */
  writePolicy(...edits: [string, string][]): void {
    let text = POLICY_TEXT;
    for (const [from, to] of edits) {
      if (!text.includes(from)) throw new Error(`fixture edit: '${from}' is not in the policy`);
      text = text.replace(from, to);
    }
    writeFileSync(this.policyFile, text);
  }

  /** Every line of the decision log, parsed. */
  readLog(): Record<string, unknown>[] {
    const text = readFileSync(this.logFile, 'utf8');
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface TestServer {
  server: OversightServer;
  workspace: Workspace;
  messages: LogMessage[];
  close(): Promise<void>;
}

/** A server on a fresh workspace; no watch and no sweep unless the test asks. */
export async function startTestServer(options: Partial<ServerOptions> = {}, workspace = new Workspace()): Promise<TestServer> {
  const messages: LogMessage[] = [];
  const server = await buildServer({
    policies: workspace.policyFile,
    auth: { insecureNoAuth: true },
    log: captureLog(messages),
    watch: false,
    sweepIntervalMs: 3_600_000,
    ...options,
    store: options.store ?? (await JsonlDecisionLog.open(workspace.logFile)),
  });
  return {
    server,
    workspace,
    messages,
    async close() {
      await server.close();
      workspace.remove();
    },
  };
}

export interface Reviewers {
  keyFile: string;
  token(sub: string, role: string, claims?: Record<string, unknown>): Promise<string>;
  /** A token signed by a key the server does not know. */
  forgedToken(sub: string, role: string): Promise<string>;
}

export const ISSUER = 'https://login.example.com';
export const AUDIENCE = 'oversight';

/** An ES256 key pair for this run: the public key as a PEM file the server reads, the private key to sign reviewers' tokens. */
export async function reviewerKeys(dir: string): Promise<Reviewers> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const other = await generateKeyPair('ES256');
  const keyFile = join(dir, 'reviewers.pem');
  writeFileSync(keyFile, await exportSPKI(publicKey));
  const sign = (key: CryptoKey, sub: string, role: string, claims: Record<string, unknown> = {}): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sub, role, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 3600, ...claims }).setProtectedHeader({ alg: 'ES256' }).sign(key);
  };
  return {
    keyFile,
    token: (sub, role, claims) => sign(privateKey, sub, role, claims),
    forgedToken: (sub, role) => sign(other.privateKey, sub, role),
  };
}

export function json(body: string): Record<string, unknown> {
  return JSON.parse(body) as Record<string, unknown>;
}
