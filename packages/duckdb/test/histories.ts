// Random histories for the differential tests: valid records of the policy
// under test mixed with every kind of line a replay must count apart.
import fc from 'fast-check';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompiledPolicy, Policy } from '@oversight/core';
import { sweep } from '@oversight/simulator';
import { expect } from 'vitest';
import { sweepOnDuckDb, SqlRefusalError } from '../src/index.js';
import { anyFacts, factsFor } from '../../core/test/arbitraries.js';

const ROUTES = ['auto', 'review_after', 'approve_before', 'escalate', 'deny'] as const;
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

export const record = fc.record({
  id: fc.nat(60),
  otherPolicy: fc.constantFrom(false, false, false, false, false, false, false, true),
  facts: anyFacts,
  route: fc.constantFrom(...ROUTES),
  rules: optional(fc.array(fc.constantFrom('r0', 'r1', 'r2'), { maxLength: 2 })),
  outcome: optional(
    fc.record(
      {
        decision: fc.constantFrom('approved', 'approved', 'rejected', 'edited', 'escalated', 'expired'),
        reviewer: fc.constantFrom('lead', 'finance', 'ops'),
        turnaroundSeconds: fc.oneof(fc.nat(100_000), fc.constantFrom(0, 1, 31_536_000)),
        reason: fc.constantFrom('wrong amount', 'ok'),
      },
      { requiredKeys: ['decision'] },
    ),
  ),
  audit: optional(fc.boolean()),
  downstream: optional(fc.record({ error: fc.boolean() }, { requiredKeys: [] })),
});

// Lines a history may hold that are not plain records: each is counted apart, or read by JavaScript.
export const ODD_LINES = [
  '',
  '   ',
  'not json',
  '{"decisionId":"x"}',
  '{"event":"approval","decisionId":"d-1","at":"2026-10-03T12:00:00Z"}',
  '{"event":"approval","decisionId":"d-2"}',
  '{"decisionId":"d-nan","at":"2026-10-03T12:00:00Z","policy":{"name":"generated","version":1},"facts":{"amount":NaN},"route":"auto"}',
  '{"decisionId":"d-comma","at":"2026-10-03T12:00:00Z","policy":{"name":"generated","version":1},"facts":{"amount":1,},"route":"auto"}',
  '{"decisionId":"d-twice","at":"2026-10-03T12:00:00Z","policy":{"name":"generated","version":1},"facts":{"amount":1,"amount":2},"route":"auto"}',
  '{"decisionId":"d-version","at":"2026-10-03T12:00:00Z","policy":{"name":"generated","version":1.0},"facts":{},"route":"deny"}',
  '{"decisionId":"d-space","at":"2026-10-03 12:00:00Z","policy":{"name":"generated","version":1},"facts":{},"route":"deny"}',
  '{"decisionId":"d-esc","at":"2026-10-03T12:00:00Z","policy":{"name":"generated","version":1},"facts":{},"route":"approve_before","outcome":{"decision":"approved","escalations":[{"from":"a","to":"b","at":"2026-10-03T12:00:00Z","cause":"timeout"}]}}',
  '{"decisionId":"d-brace","at":"2026-10-03T12:00:00Z","policy":{"name":"generated","version":1},"facts":{"kind":"{"},"route":"auto","audit":true,"outcome":{"decision":"rejected"}}',
];

export const history = fc.array(
  fc.oneof({ weight: 12, arbitrary: record.map((r) => ({ record: r })) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_LINES).map((line) => ({ line })) }),
  { minLength: 1, maxLength: 40 },
);

export function historyText(policy: Policy, lines: readonly ({ record: fc.Arbitrary<unknown> extends never ? never : unknown } | { line: string })[], crlf: boolean): string {
  const text = lines.map((item) => {
    if ('line' in item) return item.line;
    const r = (item as { record: { id: number; otherPolicy: boolean; facts: Record<string, unknown>; route: string; rules?: string[]; outcome?: object; audit?: boolean; downstream?: object } }).record;
    return JSON.stringify({
      decisionId: `d-${r.id}`,
      at: '2026-10-03T12:00:00Z',
      policy: { name: r.otherPolicy ? 'other-policy' : policy.metadata.name, version: 1 },
      facts: factsFor(policy, r.facts),
      route: r.route,
      ...(r.rules === undefined ? {} : { rules: r.rules }),
      ...(r.outcome === undefined ? {} : { outcome: r.outcome }),
      ...(r.audit === undefined ? {} : { audit: r.audit }),
      ...(r.downstream === undefined ? {} : { downstream: r.downstream }),
    });
  });
  return text.join(crlf ? '\r\n' : '\n') + '\n';
}


/**
 * Sweeps `cap` over edge points (out of range, fractional) on both engines,
 * the streaming one over `text`, DuckDB over the file, and requires the same
 * report; a policy the SQL compiler refuses is the streaming engine's alone.
 */
export async function expectSameSweep(connection: DuckDBConnection, plan: CompiledPolicy, file: { name: string; path: string }, text: string): Promise<void> {
  const points = [-1, 0, 0.5, 10, 100].map((cap) => ({ cap }));
  const options = { label: 'policy.yaml', plan, vary: [{ name: 'cap', from: -1, to: 100, step: 1 }], points };
  const streaming = await sweep([{ name: file.name, chunks: [text] }], options);
  try {
    const duckdb = await sweepOnDuckDb([file], { ...options, connection });
    expect(JSON.stringify(duckdb, null, 1)).toBe(JSON.stringify(streaming, null, 1));
  } catch (error) {
    if (!(error instanceof SqlRefusalError)) throw error;
  }
}
