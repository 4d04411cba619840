// `oversight serve` as operators run it: two processes on one PostgreSQL behind
// a (here imaginary) load balancer. A proposal made on one is answered on the
// other; of 50 pairs of reviewers answering the same proposal on the two
// replicas at once, exactly one of each pair lands; SIGKILL under load loses no
// decision a client was told about; SIGTERM ends with exit 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDecisionStore } from '@oversight/postgres';
import { startPostgres, type PostgresCluster } from '@oversight/postgres/testing';
import { refund } from 'oversight-test-fixtures';

const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const POLICIES = fileURLToPath(new URL('../../../policies/', import.meta.url));

interface Replica {
  url: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

let cluster: PostgresCluster;
let keyFile: string;
let privateKey: CryptoKey;
const running: Replica[] = [];

beforeAll(async () => {
  cluster = await startPostgres({ fsync: 'off' });
  const keys = await generateKeyPair('ES256');
  privateKey = keys.privateKey;
  keyFile = join(mkdtempSync(join(tmpdir(), 'oversight-serve-')), 'reviewers.pem');
  writeFileSync(keyFile, await exportSPKI(keys.publicKey));
});

afterAll(async () => {
  for (const replica of running) replica.process.kill('SIGKILL');
  await cluster.stop();
});

/** `oversight serve` in a process of its own, on the shared store; resolves once it listens. */
async function serve(store: string): Promise<Replica> {
  const child = spawn(process.execPath, ['--conditions=@oversight/source', '--import', 'tsx', BIN, 'serve', '--policies', POLICIES, '--port', '0', '--jwt-key', keyFile], {
    env: { ...process.env, OVERSIGHT_STORE: store },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`oversight serve exited ${code} before listening:\n${stderr}`)));
  });
  const replica = { url, process: child, exited };
  running.push(replica);
  return replica;
}

function token(sub: string, role: string): Promise<string> {
  return new SignJWT({ role }).setProtectedHeader({ alg: 'ES256' }).setSubject(sub).setIssuedAt().setExpirationTime('10m').sign(privateKey);
}

async function post(url: string, body: unknown, bearer?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer !== undefined && { authorization: `Bearer ${bearer}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function propose(replica: Replica, amount: number): Promise<string> {
  const response = await post(`${replica.url}/v1/proposals`, { policy: 'support-refunds', facts: refund(amount), proposer: { id: 'refund-agent', kind: 'agent' } });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

describe('two oversight serve processes on one PostgreSQL', () => {
  it('answers on one what the other proposed, and lands one answer of each pair given on both at once', async () => {
    const [a, b] = await Promise.all([serve(cluster.url), serve(cluster.url)]);
    const lead = await token('ana@example.com', 'support-lead');
    const otherLead = await token('bo@example.com', 'support-lead');

    const id = await propose(a, 120);
    const pending = await fetch(`${b.url}/v1/proposals?status=pending&reviewer=support-lead`, { headers: { authorization: `Bearer ${lead}` } });
    expect(((await pending.json()) as { proposals: { id: string }[] }).proposals.map((proposal) => proposal.id)).toContain(id);
    expect(await post(`${b.url}/v1/proposals/${id}/answer`, { decision: 'approve' }, lead)).toMatchObject({ status: 200, body: { status: 'approved' } });

    const ids = await Promise.all(Array.from({ length: 50 }, (_, n) => propose(n % 2 === 0 ? a : b, 60 + n)));
    const answers = await Promise.all(
      ids.flatMap((proposal) => [
        post(`${a.url}/v1/proposals/${proposal}/answer`, { decision: 'approve' }, lead),
        post(`${b.url}/v1/proposals/${proposal}/answer`, { decision: 'reject', reason: 'the customer withdrew the claim' }, otherLead),
      ]),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(50);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(50);
    expect(answers.filter((answer) => answer.status === 409).every((answer) => answer.body.type !== undefined && answer.body.status === 409)).toBe(true);

    a.process.kill('SIGTERM');
    b.process.kill('SIGTERM');
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
  });

  it('loses no acknowledged decision when a replica is killed under load', async () => {
    const replica = await serve(cluster.url);
    const acknowledged: string[] = [];
    let stop = false;
    const workers = Array.from({ length: 16 }, async (_, worker) => {
      for (let n = 0; !stop; n++) {
        try {
          const response = await post(`${replica.url}/v1/decide/support-refunds`, refund(10 + ((worker * 7 + n) % 400)));
          if (response.status === 200) acknowledged.push(response.body.decisionId as string);
        } catch {
          return; // the connection died with the process
        }
      }
    });
    while (acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 20));
    replica.process.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(await replica.exited).toBe(null);

    const store = await PostgresDecisionStore.open(cluster.url);
    try {
      const missing: string[] = [];
      for (const id of acknowledged) if ((await store.entriesOf(id)).length === 0) missing.push(id);
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses --insecure-no-auth on an address other machines reach', async () => {
    const child = spawn(process.execPath, ['--conditions=@oversight/source', '--import', 'tsx', BIN, 'serve', '--insecure-no-auth', '--host', '0.0.0.0', '--policies', POLICIES], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--insecure-no-auth serves on loopback only');
  });
});
