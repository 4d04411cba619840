// Benchmarks POST /v1/decide over real HTTP with the JSON Lines log (fdatasync,
// group commit), the server in a process of its own and autocannon as the
// client, at a fixed 5,000 requests a second. Latency is measured twice: by
// the client (exact, from autocannon's per-response hrtime; its own histogram
// counts whole milliseconds) and inside the server (from the request event to
// the response's finish), so the client's own share on a small machine shows.
// Beside it, in the same run: GET /healthz at the same rate (the HTTP round
// trip with no decision and no write), then decide unthrottled.
//
//   pnpm --filter @oversight/server build && node bench/serve.bench.mjs
//   # or on the TypeScript source, no build:
//   node --conditions=@oversight/source --import tsx bench/serve.bench.mjs
import { fork } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const RATE = 5_000;
const SECONDS = 10;
const CONNECTIONS = 50;
const TARGET_P99_MS = 2;
const POLICY_FILE = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));

const percentiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), p999: at(0.999) };
};

if (process.argv[2] === '--serve') await serve(process.argv[3]);
else await main();

/** The child: the package itself (its dist, or its source under the @oversight/source condition). */
async function serve(dir) {
  const { closeOnSignals, openStore, startServer } = await import('@oversight/server');
  const server = await startServer({ policies: join(dir, 'support-refunds.yaml'), store: await openStore(join(dir, 'decisions.jsonl')), auth: { insecureNoAuth: true }, log: { info() {}, warn() {}, error: console.error }, port: 0, watch: false });
  closeOnSignals(server);
  let times = [];
  server.app.server.prependListener('request', (_request, response) => {
    const start = process.hrtime.bigint();
    response.once('finish', () => times.push(Number(process.hrtime.bigint() - start) / 1e6));
  });
  // Asked between runs: the server-side latencies since the last ask.
  process.on('message', () => {
    process.send(percentiles(times));
    times = [];
  });
  process.send({ url: server.url });
}

async function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'oversight-server-bench-'));
  copyFileSync(POLICY_FILE, join(dir, 'support-refunds.yaml'));
  const child = fork(fileURLToPath(import.meta.url), ['--serve', dir], { execArgv: process.execArgv });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const { url } = await next();
  const serverSide = async () => {
    child.send('report');
    return next();
  };

  // Realistic refunds across every route, seeded so each run sends the same bodies.
  let seed = 0x5eed;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const bodies = Array.from({ length: 1_000 }, (_, i) =>
    JSON.stringify({
      actionType: random() < 0.8 ? 'refund' : 'store_credit',
      amount: Math.round(5 + random() * 900),
      currency: 'USD',
      orderId: `ORD-${String(1_000_000 + i)}`,
      reasonCode: ['damaged', 'not_received', 'wrong_item', 'late_delivery'][i % 4],
      confidence: Math.round((0.6 + random() * 0.4) * 100) / 100,
      recentClaims: random() < 0.05 ? 4 : 0,
      refundToOriginalMethod: random() < 0.97,
      irreversible: true,
    }),
  );
  let body = 0;
  const decide = {
    method: 'POST',
    path: '/v1/decide/support-refunds',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: bodies[body++ % bodies.length] }),
  };
  const health = { method: 'GET', path: '/healthz' };

  await run(url, decide, { duration: 2 }); // warm-up: JIT, connections, the log file
  await serverSide();
  const runs = [];
  for (const [name, request, options] of [
    [`GET /healthz at ${RATE}/s (baseline)`, health, { overallRate: RATE }],
    [`POST /v1/decide at ${RATE}/s`, decide, { overallRate: RATE }],
    ['POST /v1/decide, unthrottled', decide, {}],
  ]) {
    const client = await run(url, request, { duration: SECONDS, ...options });
    runs.push({ name, client, server: await serverSide() });
  }
  child.kill('SIGTERM');
  await exited;
  rmSync(dir, { recursive: true, force: true });

  const ms = (n) => n.toFixed(3).padStart(7);
  console.log(`@oversight/server: ${CONNECTIONS} connections, ${SECONDS} s a run, ${os.cpus().length} CPUs, Node ${process.version}, JSONL log with fdatasync; latency in ms`);
  console.log(`  ${''.padEnd(34)} ${'req/s'.padStart(6)}   client p50     p99   p99.9   server p50     p99   errors`);
  for (const { name, client, server } of runs) {
    console.log(`  ${name.padEnd(34)} ${String(Math.round(client.perSecond)).padStart(6)}   ${ms(client.p50)} ${ms(client.p99)} ${ms(client.p999)}   ${ms(server.p50)} ${ms(server.p99)}   ${client.errors}`);
  }
  const decided = runs[1];
  const meets = decided.client.p99 < TARGET_P99_MS && decided.client.errors === 0;
  console.log(`  ${meets ? 'meets' : 'MISSES'} the target: decide p99 ${decided.client.p99.toFixed(3)} ms at ${Math.round(decided.client.perSecond)}/s (target < ${TARGET_P99_MS} ms at ${RATE}/s); in the server ${decided.server.p99.toFixed(3)} ms`);
  process.exitCode = meets ? 0 : 1;
}

/** One autocannon run; latencies are collected exactly, per response. */
async function run(url, request, options) {
  const latencies = [];
  let errors = 0;
  const instance = autocannon({ url, connections: CONNECTIONS, requests: [request], ...options });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode === 200) latencies.push(responseTime);
    else errors++;
  });
  const result = await instance;
  return { perSecond: latencies.length / options.duration, ...percentiles(latencies), errors: errors + result.errors + result.timeouts };
}
