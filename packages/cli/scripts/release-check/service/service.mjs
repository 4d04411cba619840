// A service outside the monorepo using @oversight/core as the README's "In a
// service" does: release-check.mjs runs it against the installed tarballs (and,
// to compare, against the workspace) and reads the summary it prints.
import { readFileSync } from 'node:fs';
import { compilePolicy, evaluate, loadPolicy, policySchema } from '@oversight/core';

const file = 'policies/support-refunds.yaml';
const loaded = loadPolicy(readFileSync(file, 'utf8'), file);
if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.file}:${d.range.start.line}: ${d.message}`).join('\n'));
const plan = compilePolicy(loaded.policy);

const facts = {
  actionType: 'refund', amount: 120, currency: 'USD', orderId: 'ORD-1002341', reasonCode: 'damaged',
  confidence: 0.97, recentClaims: 1, refundToOriginalMethod: true, irreversible: true,
};
const decision = evaluate(plan, facts, { decisionKey: 'refund-8841', now: new Date('2026-10-03T12:00:00Z') });
// The schemas ship as files too, under the package's `./schemas/*` export.
const schemaFile = JSON.parse(readFileSync(new URL(import.meta.resolve('@oversight/core/schemas/policy.schema.json')), 'utf8'));

console.log(JSON.stringify({
  route: decision.route,
  reviewer: decision.reviewer,
  deadline: decision.deadline,
  why: decision.packet?.why,
  schemaFileIsTheExportedSchema: JSON.stringify(schemaFile) === JSON.stringify(policySchema),
}));
