// Reports, real and hostile, against schemas/review-report.schema.json: what
// `oversight report --format json` promises its readers.
import { readFileSync } from 'node:fs';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { reviewReport, type ReviewReport } from './index.js';

const root = new URL('../../../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schemas/review-report.schema.json', root), 'utf8')) as object;
// Strict: a keyword the draft does not know, or a typo in one, fails here rather than being ignored.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
const validate = ajv.compile<ReviewReport>(schema);

function expectValid(report: ReviewReport): void {
  // Through JSON, as the CLI prints it.
  const printed: unknown = JSON.parse(JSON.stringify(report));
  expect(validate(printed), ajv.errorsText(validate.errors)).toBe(true);
}

describe('schemas/review-report.schema.json', () => {
  it('accepts the report on the shipped support-refunds history, under its policy', async () => {
    const file = 'policies/support-refunds.yaml';
    const loaded = loadPolicy(readFileSync(new URL(file, root), 'utf8'), file);
    if (!loaded.ok) throw new Error(loaded.diagnostics[0]!.message);
    const text = readFileSync(new URL('policies/history/support-refunds.history.jsonl', root), 'utf8');
    const report = await reviewReport([{ name: 'support-refunds.history.jsonl', chunks: [text] }], { policy: compilePolicy(loaded.policy), since: '2026-10-05', until: '2026-10-25' });
    expect(report.history.records).toBeGreaterThan(1000);
    expect(report.history.outsidePeriod.before + report.history.outsidePeriod.after).toBeGreaterThan(0);
    expectValid(report);
  });

  it('accepts a report of every shipped history together, without a policy', async () => {
    const names = ['support-refunds', 'sales-outreach', 'back-office-forms', 'internal-reporting'];
    const sources = names.map((name) => ({ name, chunks: [readFileSync(new URL(`policies/history/${name}.history.jsonl`, root), 'utf8')] }));
    const report = await reviewReport(sources);
    expect(Object.keys(report.history.policies).sort()).toEqual([...names].sort());
    expectValid(report);
  });

  it('accepts the report of an empty history, and of one of nothing but bad lines, duplicates and events', async () => {
    expectValid(await reviewReport([]));
    const record = '{"decisionId":"d-1","at":"2026-10-06T12:00:00Z","policy":{"name":"p","version":1},"facts":{},"route":"approve_before","outcome":{"decision":"rejected","reason":"  "}}';
    const event = '{"event":"warned","decisionId":"d-2","at":"2026-10-06T12:00:00Z","deadline":"2026-10-06T13:00:00Z"}';
    const report = await reviewReport([{ name: 'x.jsonl', chunks: [`${record}\n${record}\nnot json\n${event}\n`] }]);
    expect(report.history).toMatchObject({ records: 1, duplicates: { count: 1 }, invalid: { count: 1 }, logEvents: 1 });
    expectValid(report);
  });

  it('rejects a report with a field it does not describe', async () => {
    const report = JSON.parse(JSON.stringify(await reviewReport([]))) as Record<string, unknown>;
    expect(validate({ ...report, extra: 1 })).toBe(false);
  });
});
