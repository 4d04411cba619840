// A server in a process of its own, for the shutdown tests: started as the
// command line would start it, wired to SIGTERM and SIGINT. It reports on
// stdout, one JSON object a line: { url } once it listens, and with
// HOLD_APPENDS=1, { held } each time a decision's log write is held back
// until SIGTERM arrives (so requests are certainly in flight when it does).
import { JsonlDecisionLog, type DecisionStore } from '@oversight/gate';
import { closeOnSignals, startServer } from '../src/index.js';

function report(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const log = await JsonlDecisionLog.open(process.env.OVERSIGHT_LOG!);
let store: DecisionStore = log;
if (process.env.HOLD_APPENDS === '1') {
  const held: (() => void)[] = [];
  let released = false;
  process.once('SIGTERM', () => {
    released = true;
    for (const release of held.splice(0)) release();
  });
  store = {
    read: () => log.read(),
    close: () => log.close(),
    append(entries) {
      if (released) return log.append(entries);
      return new Promise<void>((resolve, reject) => {
        held.push(() => void log.append(entries).then(resolve, reject));
        report({ held: held.length });
      });
    },
  };
}

const server = await startServer({ policies: process.env.OVERSIGHT_POLICIES!, store, auth: { insecureNoAuth: true }, port: 0, watch: false });
closeOnSignals(server);
report({ url: server.url });
