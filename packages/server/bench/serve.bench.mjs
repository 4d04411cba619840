// Benchmarks the decision service over real HTTP, the server in a process of
// its own and autocannon as the client, each run at a fixed rate:
//   - GET /healthz: the HTTP round trip with no decision and no write, the
//     baseline every other run is a ratio of (measured in the same run);
//   - POST /v1/decide on the JSON Lines log, answered after fdatasync (the default);
//   - POST /v1/decide on the JSON Lines log with --fsync-every 10 (answered once
//     written: survives a killed process, a power loss may lose 10 ms);
//   - POST /v1/proposals on PostgreSQL (a throwaway cluster, fsync on).
// Latency is measured twice, exactly: by the client (per-response hrtime; its
// own histogram counts whole milliseconds) and inside the server (request to
// finish), so the load generator's own share on a small machine shows. After
// each run the store is read back: every decision answered 200 must be in it.
//
//   pnpm --filter @oversight/server build && node bench/serve.bench.mjs
import { fork } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const RATE = 5_000;
const PROPOSAL_RATE = 1_000;
const SECONDS = 10;
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const TARGET_P99_MS = 2;
const POLICY_FILE = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));

const percentiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), p999: at(0.999) };
};

if (process.argv[2] === '--serve') await serve(process.argv[3], process.argv[4], process.argv[5]);
else await main();

/** The child: the built package, on the store named by `store` (a file or a PostgreSQL URL). */
async function serve(dir, store, fsyncEvery) {
  const { closeOnSignals, openStore, startServer } = await import('@oversight/server');
  const jsonl = fsyncEvery === undefined ? {} : { syncEveryMs: Number(fsyncEvery) };
  const server = await startServer({ policies: join(dir, 'support-refunds.yaml'), store: await openStore(store, { jsonl }), auth: { insecureNoAuth: true }, log: { info() {}, warn() {}, error: console.error }, port: 0, watch: false });
  closeOnSignals(server);
  let times = [];
  server.app.server.prependListener('request', (_request, response) => {
    const start = process.hrtime.bigint();
    response.once('finish', () => times.push(Number(process.hrtime.bigint() - start) / 1e6));
  });
  // Asked after each run: the server-side latencies since the last ask.
  process.on('message', () => {
    process.send(percentiles(times));
    times = [];
  });
  process.send({ url: server.url });
}

/** A server child on `store`; `stop()` sends SIGTERM and waits for the store to be flushed and closed. */
async function startChild(dir, store, fsyncEvery) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', dir, store, ...(fsyncEvery === undefined ? [] : [String(fsyncEvery)])], { execArgv: process.execArgv });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const { url } = await next();
  return {
    url,
    async serverSide() {
      child.send('report');
      return next();
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function refundBodies() {
  // Realistic refunds across every route, seeded so each run sends the same bodies.
  let seed = 0x5eed;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: 1_000 }, (_, i) => ({
    actionType: random() < 0.8 ? 'refund' : 'store_credit',
    amount: Math.round(5 + random() * 900),
    currency: 'USD',
    orderId: `ORD-${String(1_000_000 + i)}`,
    reasonCode: ['damaged', 'not_received', 'wrong_item', 'late_delivery'][i % 4],
    confidence: Math.round((0.6 + random() * 0.4) * 100) / 100,
    recentClaims: random() < 0.05 ? 4 : 0,
    refundToOriginalMethod: random() < 0.97,
    irreversible: true,
  }));
}

/**
 * Decisions answered 200 that the store lacks. The store may hold a few more
 * than were answered: requests in flight when a run's time ran out, written
 * but their answers not counted (at most one a connection a run).
 */
function accounted(answered, logged) {
  return { lost: Math.max(0, answered - logged), unanswered: Math.max(0, logged - answered) };
}

/** One autocannon run; latencies are collected exactly, per response. */
async function load(url, request, { rate, seconds }) {
  const latencies = [];
  let errors = 0;
  const instance = autocannon({ url, connections: CONNECTIONS, requests: [request], duration: seconds, ...(rate && { overallRate: rate }) });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode === 200 || statusCode === 201) latencies.push(responseTime);
    else errors++;
  });
  const result = await instance;
  return { ok: latencies.length, perSecond: latencies.length / seconds, ...percentiles(latencies), errors: errors + result.errors + result.timeouts };
}

/** Warm-up (JIT, connections, the log), then the measured run; returns the measured run with what the server saw, and every 200 sent. */
async function measure(server, request, rate) {
  const warm = await load(server.url, request, { rate, seconds: 2 });
  await server.serverSide();
  const client = await load(server.url, request, { rate, seconds: SECONDS });
  return { client, server: await server.serverSide(), answered: warm.ok + client.ok };
}

async function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'oversight-server-bench-'));
  copyFileSync(POLICY_FILE, join(dir, 'support-refunds.yaml'));
  const bodies = refundBodies().map((facts) => JSON.stringify(facts));
  const proposals = refundBodies().map((facts, i) => JSON.stringify({ policy: 'support-refunds', facts, proposer: { id: 'refund-agent', kind: 'agent' }, decisionKey: `bench-${i}` }));
  let body = 0;
  const decide = { method: 'POST', path: '/v1/decide/support-refunds', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: bodies[body++ % bodies.length] }) };
  let proposal = 0;
  // Each proposal its own decisionKey, so none is a retry of another.
  const propose = { method: 'POST', path: '/v1/proposals', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: proposals[proposal % proposals.length].replace(/bench-\d+/, `bench-${proposal++}`) }) };
  const runs = [];

  const jsonlRun = async (name, file, fsyncEvery) => {
    const server = await startChild(dir, join(dir, file), fsyncEvery);
    const health = runs.length === 0 ? await measure(server, { method: 'GET', path: '/healthz' }, RATE) : undefined;
    if (health) runs.push({ name: `GET /healthz at ${RATE}/s (baseline)`, ...health, logged: '-' });
    const result = await measure(server, decide, RATE);
    await server.stop();
    const logged = readFileSync(join(dir, file), 'utf8').split('\n').filter((line) => line !== '').length;
    runs.push({ name, ...result, ...accounted(result.answered, logged) });
  };
  await jsonlRun(`POST /v1/decide at ${RATE}/s, JSONL, fsync`, 'fsync.jsonl');
  await jsonlRun(`POST /v1/decide at ${RATE}/s, JSONL, every 10 ms`, 'every-10ms.jsonl', Number(process.env.EVERY ?? 10));

  const { startPostgres } = await import('@oversight/postgres/testing');
  const cluster = await startPostgres({ fsync: 'on' });
  try {
    const server = await startChild(dir, cluster.url);
    const result = await measure(server, propose, PROPOSAL_RATE);
    await server.stop();
    const { PostgresDecisionStore } = await import('@oversight/postgres');
    const store = await PostgresDecisionStore.open(cluster.url);
    const decisions = new Set();
    for await (const entry of store.read()) decisions.add(entry.decisionId);
    await store.close();
    const logged = decisions.size;
    runs.push({ name: `POST /v1/proposals at ${PROPOSAL_RATE}/s, PostgreSQL`, ...result, ...accounted(result.answered, logged) });
  } finally {
    await cluster.stop();
  }
  rmSync(dir, { recursive: true, force: true });

  const ms = (n) => n.toFixed(3).padStart(7);
  const baseline = runs[0].client.p99;
  console.log(`@oversight/server: ${CONNECTIONS} connections, ${SECONDS} s a run after 2 s of warm-up, ${os.cpus().length} CPUs, Node ${process.version}; latency in ms`);
  console.log(`  ${''.padEnd(46)} ${'req/s'.padStart(6)}   client p50     p99   p99.9   server p50     p99  p99/base  errors  lost`);
  for (const { name, client, server, lost } of runs) {
    console.log(`  ${name.padEnd(46)} ${String(Math.round(client.perSecond)).padStart(6)}   ${ms(client.p50)} ${ms(client.p99)} ${ms(client.p999)}   ${ms(server.p50)} ${ms(server.p99)}  ${(client.p99 / baseline).toFixed(2).padStart(7)}x  ${String(client.errors).padStart(6)}  ${String(lost ?? '-').padStart(4)}`);
  }
  console.log(`  lost: answered 200 but not in the store (must be 0); the store also held ${runs.map((run) => run.unanswered ?? 0).reduce((a, b) => a + b, 0)} decisions whose answers were in flight as runs ended`);
  const fast = runs[2];
  const meets = fast.client.p99 < TARGET_P99_MS && fast.client.perSecond >= RATE * 0.95;
  console.log(`  decide with --fsync-every 10 ${meets ? 'meets' : 'misses'} the target: p99 ${fast.client.p99.toFixed(3)} ms at ${Math.round(fast.client.perSecond)}/s (target < ${TARGET_P99_MS} ms at ${RATE}/s); with fsync before each answer, p99 ${runs[1].client.p99.toFixed(3)} ms`);
  // Every decision answered must be in the store, and no request may fail: anything else is a bug, not a slow machine.
  const broken = runs.filter((run) => run.client.errors > 0 || (run.lost ?? 0) > 0 || (run.unanswered ?? 0) > 2 * CONNECTIONS);
  if (broken.length > 0) {
    console.error(`FAILED: ${broken.map((run) => `${run.name}: ${run.client.errors} errors, ${run.lost} answered but not in the store`).join('; ')}`);
    process.exitCode = 1;
  }
}
