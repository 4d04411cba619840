// `pnpm --filter example-support-desk start`: the desk on loopback, its log in
// LOG (default ./support-desk.decisions.jsonl), on PORT (default 4280). Every
// 30 s it applies the deadlines that have passed and sends due-soon warnings;
// SIGINT or SIGTERM stops it and closes the log.
import { resolve } from 'node:path';
import { consoleNotifier } from './console-notifier.js';
import { createSupportDesk } from './support-desk.js';

const SWEEP_EVERY_MS = 30_000;

function portFrom(text: string | undefined): number {
  if (text === undefined || text === '') return 4280;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`support desk: PORT must be a port number (0 to 65535), not ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return port;
}

const logPath = resolve(process.env.LOG || 'support-desk.decisions.jsonl');
const desk = await createSupportDesk({
  logPath,
  port: portFrom(process.env.PORT),
  notifier: consoleNotifier(),
  onNotifyError: (error) => console.error('support desk: a notification failed:', error),
});
console.log(`support desk: ${desk.url} (log: ${logPath})`);

let sweeping: Promise<void> | undefined;
async function sweep(): Promise<void> {
  try {
    await desk.gate.expireDue();
    await desk.gate.warnDueSoon();
  } catch (error) {
    console.error('support desk: the deadline sweep failed:', error);
  }
}
function startSweep(): void {
  sweeping ??= sweep().finally(() => {
    sweeping = undefined;
  });
}
// Deadlines that passed while the desk was down apply at once.
startSweep();
const timer = setInterval(startSweep, SWEEP_EVERY_MS);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(timer);
  await sweeping;
  await desk.close();
  console.log(`support desk: stopped on ${signal}; the log is closed`);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    shutdown(signal).catch((error: unknown) => {
      console.error('support desk: shutting down failed:', error);
      process.exitCode = 1;
    });
  });
}
