// service.mjs in TypeScript, compiled by release-check.mjs with module nodenext
// against the installed tarballs' declarations (skipLibCheck off): a declaration
// that does not compile, or a type that resolves to `any`, fails the check.
import { readFileSync } from 'node:fs';
import { compilePolicy, evaluate, loadPolicy, policySchema, type Route } from '@oversight/core';
import type { CliIo } from '@oversight/cli';
import type { LintResult } from '@oversight/lint';
import type { SimulationReport } from '@oversight/simulator';

const file = 'policies/support-refunds.yaml';
const loaded = loadPolicy(readFileSync(file, 'utf8'), file);
if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.file}:${d.range.start.line}: ${d.message}`).join('\n'));
const plan = compilePolicy(loaded.policy);

const facts = {
  actionType: 'refund', amount: 120, currency: 'USD', orderId: 'ORD-1002341', reasonCode: 'damaged',
  confidence: 0.97, recentClaims: 1, refundToOriginalMethod: true, irreversible: true,
};
const decision = evaluate(plan, facts, { decisionKey: 'refund-8841', now: new Date('2026-10-03T12:00:00Z') });
const schemaFile: unknown = JSON.parse(readFileSync(new URL(import.meta.resolve('@oversight/core/schemas/policy.schema.json')), 'utf8'));

// Each of these is `false` only when the type is not `any`, which an unresolved declaration would make it.
type IsAny<T> = 0 extends 1 & T ? true : false;
const _noneAny: [IsAny<typeof plan>, IsAny<typeof decision>, IsAny<LintResult>, IsAny<SimulationReport>, IsAny<CliIo>] = [false, false, false, false, false];
// @ts-expect-error a route outside the five does not type-check: Route is their union, not string
const _misspelt: Route = 'aproved';

console.log(JSON.stringify({
  route: decision.route,
  reviewer: decision.reviewer,
  deadline: decision.deadline,
  why: decision.packet?.why,
  schemaFileIsTheExportedSchema: JSON.stringify(schemaFile) === JSON.stringify(policySchema),
}));
