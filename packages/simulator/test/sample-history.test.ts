// The shipped sample histories (policies/history/) are fixtures for the simulator
// and its demo: they must be valid records, replay exactly under their own
// policies, and be what scripts/generate-history.ts writes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePolicy, evaluate, historyRecordSchema, HUMAN_ROUTES, loadPolicy, type CompiledPolicy, type HistoryRecord } from '@oversight/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const POLICIES = ['support-refunds', 'sales-outreach', 'back-office-forms', 'internal-reporting'] as const;

interface History {
  name: string;
  plan: CompiledPolicy;
  lines: string[];
  records: HistoryRecord[];
}

function readHistory(name: string): History {
  const text = readFileSync(new URL(`../../../policies/history/${name}.history.jsonl`, import.meta.url), 'utf8');
  const file = `policies/${name}.yaml`;
  const loaded = loadPolicy(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'), file);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.diagnostics[0]!.message}`);
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  return { name, plan: compilePolicy(loaded.policy), lines, records: lines.map((line) => JSON.parse(line) as HistoryRecord) };
}

const histories = POLICIES.map(readHistory);
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(historyRecordSchema);

describe('the sample histories in policies/history', () => {
  it('are valid history records, one a line', () => {
    for (const { name, lines } of histories) {
      const invalid = lines.flatMap((line, i) => (validate(JSON.parse(line)) ? [] : [`${name}:${i + 1} ${ajv.errorsText(validate.errors)}`]));
      expect(invalid.slice(0, 5)).toEqual([]);
    }
  });

  it('hold at least 20,000 support-refunds decisions, in time order, over 30 days', () => {
    const refunds = histories[0]!.records;
    expect(refunds.length).toBeGreaterThanOrEqual(20000);
    for (const { records } of histories) {
      const times = records.map((record) => Date.parse(record.at));
      expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
      expect(times.at(-1)! - times[0]!).toBeLessThanOrEqual(30 * 86400 * 1000);
    }
  });

  it('replay every recorded route and rule list exactly under their own policy, with facts the policy accepts', () => {
    for (const { name, plan, records } of histories) {
      let agree = 0;
      const rejectedFacts: string[] = [];
      for (const record of records) {
        expect(record.policy).toEqual({ name: plan.name, version: plan.version, hash: plan.hash });
        const decision = evaluate(plan, record.facts, { decisionKey: record.decisionId });
        if (decision.route === record.route && decision.matched.map((rule) => rule.id).join() === record.rules?.join()) agree++;
        // Missing facts are part of the sample (a lookup failed); invalid ones are not.
        if (decision.error?.code === 'invalid-fact' || decision.error?.code === 'undeclared-fact') rejectedFacts.push(`${record.decisionId}: ${decision.error.message}`);
      }
      expect({ name, agree, rejectedFacts: rejectedFacts.slice(0, 5) }).toEqual({ name, agree: records.length, rejectedFacts: [] });
    }
  });

  it("QA-sample 2-5% of automatic decisions, as each policy's sampling rate gives", () => {
    let auto = 0;
    let audited = 0;
    for (const { plan, records } of histories) {
      const autoRecords = records.filter((record) => record.route === 'auto');
      const sampled = autoRecords.filter((record) => record.audit === true).length;
      const rate = plan.policy.spec.sampling?.auto ?? 0;
      expect(rate).toBeGreaterThanOrEqual(0.02);
      expect(rate).toBeLessThanOrEqual(0.05);
      // A hash sample of a few thousand lands within three standard errors of its rate.
      expect(Math.abs(sampled / autoRecords.length - rate)).toBeLessThanOrEqual(3 * Math.sqrt((rate * (1 - rate)) / autoRecords.length));
      expect(records.filter((record) => record.audit === true && record.route !== 'auto')).toEqual([]);
      auto += autoRecords.length;
      audited += sampled;
    }
    expect(audited / auto).toBeGreaterThanOrEqual(0.02);
    expect(audited / auto).toBeLessThanOrEqual(0.05);
  });

  it('record an outcome exactly where a person looked: human routes and QA-sampled automatic ones', () => {
    for (const { records } of histories) {
      const misplaced = records.filter((record) => (record.outcome !== undefined) !== (HUMAN_ROUTES.includes(record.route) || record.audit === true));
      expect(misplaced.map((record) => record.decisionId).slice(0, 5)).toEqual([]);
    }
  });

  it('give the autoRefundMax demo confident refunds between 50 and 200 that a lead mostly approved', () => {
    const band = histories[0]!.records.filter((record) => {
      const { amount, confidence } = record.facts as { amount?: number; confidence?: number };
      return amount !== undefined && amount > 50 && amount <= 200 && confidence !== undefined && confidence >= 0.9 && record.route === 'approve_before' && record.rules?.join() === 'refund-needs-approval';
    });
    const count = (decision: string) => band.filter((record) => record.outcome?.decision === decision).length;
    expect(band.length).toBeGreaterThan(1000);
    expect(count('approved') / band.length).toBeGreaterThan(0.8);
    // Rejected and edited ones are the escapes a higher autoRefundMax would let through.
    expect((count('rejected') + count('edited')) / band.length).toBeGreaterThan(0.03);
  });

  it('are what scripts/generate-history.ts writes (pnpm check:history)', { timeout: 300_000 }, () => {
    const packageDir = fileURLToPath(new URL('..', import.meta.url));
    // Throws, with the script's stderr, when it exits 1 (a stale file).
    execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@oversight/source', 'scripts/generate-history.ts', '--check'], { cwd: packageDir, stdio: 'pipe' });
  });
});
