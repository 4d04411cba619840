// Random hostile JSON fed to `oversight eval` and to the history reader: repeated
// keys, deep nesting, odd number spellings. Every line must be answered (eval)
// or reported (history), and no hostile line may decide auto unless the same
// action without the hostile part would.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Decision } from '@oversight/core';
import { memoryIo } from './memory-io.js';
import { run } from '../src/run.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const POLICY = 'policies/support-refunds.yaml';
const RUNS = 1000;

// A valid proposed refund or credit: the "same action without the hostile part".
const action = fc.record({
  actionType: fc.constantFrom('refund', 'store_credit'),
  amount: fc.constantFrom(10, 20, 50, 50.5, 100, 600, 3000),
  currency: fc.constantFrom('USD', 'EUR'),
  orderId: fc.constantFrom('ORD-1002341', 'ORD-99999999'),
  reasonCode: fc.constantFrom('damaged', 'goodwill', 'late_delivery'),
  confidence: fc.constantFrom(0.5, 0.9, 0.97),
  recentClaims: fc.constantFrom(0, 2, 3),
  refundToOriginalMethod: fc.boolean(),
  irreversible: fc.boolean(),
});
type Action = typeof action extends fc.Arbitrary<infer T> ? T : never;

const body = (facts: Record<string, unknown>) => JSON.stringify(facts).slice(1, -1);

/**
 * A hostile line: its text, whether it must be refused outright, and the plain
 * action it means where it is not refused (undefined: it must never be auto).
 */
type Hostile = { text: (facts: Action) => string; refused: boolean; plain?: (facts: Action) => Action };

const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  // A key repeated with another value, before or after its first, at the top or inside a nested object.
  fc.record({ key: fc.constantFrom('irreversible', 'amount', 'actionType', 'refundToOriginalMethod'), value: fc.constantFrom(false, true, 20, 'store_credit', 900), first: fc.boolean() }).map(
    ({ key, value, first }): Hostile => ({
      text: (facts) => {
        const repeat = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
        return first ? `{${repeat},${body(facts)}}` : `{${body(facts)},${repeat}}`;
      },
      refused: true,
    }),
  ),
  fc.constantFrom<Hostile>({ text: (facts) => `{${body(facts)},"vendor":{"country":"KP","country":"US"}}`, refused: true }),
  // Nesting past the limit, in a fact the policy does not declare.
  fc.integer({ min: 65, max: 20_000 }).map((depth): Hostile => ({ text: (facts) => `{${body(facts)},"note":${'['.repeat(depth)}${']'.repeat(depth)}}`, refused: true })),
  // Numbers spelt oddly but meaning the same value: decided like the plain action.
  fc.constantFrom('5e1', '50.0', '0.5e2', '500e-1').map(
    (spelling): Hostile => ({ text: (facts) => `{${body({ ...facts, amount: 777 }).replace('777', spelling)}}`, refused: false, plain: (facts) => ({ ...facts, amount: 50 }) }),
  ),
  // Numbers JSON can spell but a fact cannot hold: never auto.
  fc.constantFrom('1e400', '-1e400', '1e-400', '123456789012345678901234567890').map((spelling): Hostile => ({ text: (facts) => `{${body({ ...facts, amount: 777 }).replace('777', spelling)}}`, refused: false })),
);

const line = fc.tuple(action, fc.option(hostile, { freq: 2 }));

async function evaluateLines(text: string): Promise<Decision[]> {
  const memory = memoryIo({ cwd: ROOT, stdin: text });
  await run(['eval', POLICY, '-'], memory.io);
  return memory.stdout().split('\n').filter(Boolean).map((out) => JSON.parse(out) as Decision);
}

describe('hostile JSON lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`eval answers every line in its place, refuses repeated keys and deep nesting, and decides auto only where the plain action does (${RUNS} random batches)`, { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), async (lines) => {
        const texts = lines.map(([facts, attack]) => (attack === null ? JSON.stringify(facts) : attack.text(facts)));
        const plainActions = lines.map(([facts, attack]) => (attack?.plain ? attack.plain(facts) : facts));
        const [decided, plain] = await Promise.all([evaluateLines(texts.join('\n') + '\n'), evaluateLines(plainActions.map((facts) => JSON.stringify(facts)).join('\n') + '\n')]);
        expect(decided).toHaveLength(lines.length);
        lines.forEach(([facts, attack], i) => {
          const decision = decided[i]!;
          if (attack?.refused) {
            expect(decision.error?.code, texts[i]!.slice(0, 200)).toBe('invalid-json');
            expect(decision.route).toBe('escalate');
          }
          if (attack !== null && !attack.refused && attack.plain === undefined) expect(decision.route, texts[i]).not.toBe('auto');
          if (decision.route === 'auto') expect(plain[i]!.route, JSON.stringify(facts)).toBe('auto');
        });
      }),
      { numRuns: RUNS },
    );
  });

  it(`the history reader reports every hostile record line it cannot read, and counts every line once (${RUNS} random histories)`, { timeout: 600_000 }, async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), async (lines) => {
        const records = lines.map(([facts, attack], i) => {
          const factsText = attack === null ? JSON.stringify(facts) : attack.text(facts);
          return `{"decisionId":"d-${i}","at":"2026-10-01T00:00:00Z","policy":{"name":"support-refunds","version":4},"facts":${factsText},"route":"escalate"}`;
        });
        const path = join(dir, `history-${file++}.jsonl`);
        writeFileSync(path, records.join('\n') + '\n');
        const memory = memoryIo({ cwd: ROOT });
        await run(['simulate', '--baseline', POLICY, '--candidate', POLICY, '--history', path, '--format', 'json'], memory.io);
        const history = (JSON.parse(memory.stdout()) as { history: { total: number; replayed: number; invalid: { count: number } } }).history;
        expect(history.total).toBe(lines.length);
        expect(history.invalid.count).toBe(lines.filter(([, attack]) => attack?.refused === true).length);
        expect(history.replayed + history.invalid.count).toBe(lines.length);
      }),
      { numRuns: RUNS },
    );
  });
});
