import { describe, expect, it } from 'vitest';
import { JSON_LIMITS } from '@oversight/core';
import { simulate } from '../index.js';
import { lines, loadRefunds, recordOf, refund, source } from '../../test/history-fixtures.js';
import { parseRecord } from './parse-record.js';

const plan = loadRefunds();
const approved = { outcome: { decision: 'approved' as const, reviewer: 'support-lead', turnaroundSeconds: 600 } };
const record = recordOf(plan, refund(900), approved);
const text = JSON.stringify(record);

describe('parseRecord', () => {
  it('reads a history record', () => {
    expect(parseRecord(text)).toEqual({ ok: true, record });
  });

  it.each([
    ['in the facts', text.replace('"amount":900', '"amount":900,"amount":20'), 'repeated key "amount" at facts.amount'],
    ['at the top', text.replace('"route":"approve_before"', '"route":"approve_before","route":"auto"'), 'repeated key "route" at route'],
    ['in the outcome', text.replace('"decision":"approved"', '"decision":"rejected","decision":"approved"'), 'repeated key "decision" at outcome.decision'],
  ])('refuses a record that repeats a key %s, naming it and its path', (_where, line, reason) => {
    expect(parseRecord(line)).toEqual({ ok: false, reason: `${reason}: an object may name each key once, since readers differ on which value counts` });
  });

  it(`refuses a record nested deeper than ${JSON_LIMITS.maxDepth} levels, naming the limit`, () => {
    const deep = text.replace('"route"', `"deep":${'['.repeat(5000)}${']'.repeat(5000)},"route"`);
    expect(parseRecord(deep)).toEqual({ ok: false, reason: `nested deeper than the limit of ${JSON_LIMITS.maxDepth} levels of objects and arrays` });
  });
});

describe('a history with repeated keys', () => {
  it('reports each line that repeats a key as invalid, with its line number, and never counts it as agreement', async () => {
    const first = recordOf(plan, refund(20));
    const repeated = JSON.stringify(recordOf(plan, refund(900), approved)).replace('"amount":900', '"amount":900,"amount":20');
    const report = await simulate(source(lines([first, repeated, record])), { baseline: { label: 'baseline', plan }, candidates: [] });
    expect(report.history).toMatchObject({ total: 3, replayed: 2, invalid: { count: 1 } });
    expect(report.history.invalid.examples).toEqual([{ source: 'history.jsonl', line: 2, reason: expect.stringMatching(/^repeated key "amount" at facts\.amount: /) as unknown }]);
    expect(report.fidelity).toMatchObject({ reproduced: 2, of: 2 });
    expect(report.verdict.pass).toBe(false);
  });
});
