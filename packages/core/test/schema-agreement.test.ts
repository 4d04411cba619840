import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionSchema, historyRecordSchema, policySchema } from '../src/generated/schemas.js';
import { compilePolicy, ERROR_CODES, evaluate, OPERATORS, OUTCOMES, ROUTES, type HistoryRecord } from '../src/index.js';
import { partialFacts, policy as arbitraryPolicy } from './arbitraries.js';

// The JSON Schemas in /schemas and the TypeScript types describe the same shapes.

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

describe('the schemas and the types', () => {
  it('carries the schemas in /schemas unchanged (the generated module is fresh)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/generate-schemas.mjs', '--check'], { cwd: new URL('..', import.meta.url) })).not.toThrow();
    const onDisk = JSON.parse(readFileSync(new URL('../../../schemas/policy.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(policySchema).toEqual(onDisk);
  });

  it('names the same routes, operators and error codes as the types', () => {
    expect(policySchema.$defs.route.enum).toEqual([...ROUTES]);
    expect(policySchema.$defs.factCondition.properties.operator.enum).toEqual([...OPERATORS]);
    expect(decisionSchema.$defs.route.enum).toEqual([...ROUTES]);
    expect(decisionSchema.properties.error.properties.code.enum).toEqual([...ERROR_CODES]);
    expect(historyRecordSchema.properties.route.enum).toEqual([...ROUTES]);
    expect(historyRecordSchema.properties.outcome.properties.decision.enum).toEqual([...OUTCOMES]);
  });

  it('describes the history record of design.md with HistoryRecord, field for field', () => {
    const record: Required<HistoryRecord> = {
      decisionId: 'd-0000042',
      at: '2026-10-03T12:00:00Z',
      policy: { name: 'support-refunds', version: 3, hash: 'sha256:00' },
      facts: { actionType: 'refund', amount: 120.5, confidence: 0.93, irreversible: true },
      route: 'approve_before',
      rules: ['refund-needs-approval'],
      outcome: { decision: 'approved', reason: 'receipt attached', reviewer: 'support-lead', reviewerId: 'ana@example.com', turnaroundSeconds: 1260 },
      audit: false,
      downstream: { error: false },
    };
    const validRecord = ajv.compile(historyRecordSchema);
    expect(validRecord(record), JSON.stringify(validRecord.errors)).toBe(true);
    // The rest are the fields a decision log adds (@oversight/gate's SettledRecord, checked there).
    const loopFields = ['settledAt', 'proposer', 'decisionKey', 'error', 'linkedTo', 'editedBy', 'reroutedTo', 'shadow', 'factsHash', 'prev'];
    const loopOutcomeFields = ['approvers', 'editedFacts', 'factsHash', 'escalations'];
    expect([...Object.keys(record), ...loopFields].sort()).toEqual(Object.keys(historyRecordSchema.properties).sort());
    expect([...Object.keys(record.outcome), ...loopOutcomeFields].sort()).toEqual(Object.keys(historyRecordSchema.properties.outcome.properties).sort());
  });

  it('accepts every generated policy, and every decision evaluate returns validates against decision.schema.json', () => {
    const validPolicy = ajv.compile(policySchema);
    const validDecision = ajv.compile(decisionSchema);
    fc.assert(
      fc.property(arbitraryPolicy, partialFacts, (policy, facts) => {
        expect(validPolicy(policy), JSON.stringify(validPolicy.errors)).toBe(true);
        const declared = Object.fromEntries(Object.entries(facts).filter(([name]) => name in policy.spec.facts));
        const decision = evaluate(compilePolicy(policy), declared, { now: new Date('2026-11-25T12:00:00Z'), decisionKey: 'd-1' });
        expect(validDecision(decision), JSON.stringify(validDecision.errors)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
