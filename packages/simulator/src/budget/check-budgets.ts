import type { BudgetBreach, BudgetName, Budgets, SimulationReport } from '../types.js';
import { FIDELITY_WARNING } from '../report/build-report.js';

const HISTORY = '(history)';
const pct = (value: number) => `${(Math.round(value * 100) / 100).toString()}%`;

/**
 * Holds the report to the budgets CI set: every breach names the budget, its
 * limit and the figure. Checks that hold for any run (invalid lines, a
 * history with nothing to replay) apply with no budget at all.
 */
export function checkBudgets(report: SimulationReport, budgets: Budgets): SimulationReport['verdict'] {
  const breaches: BudgetBreach[] = [];
  const warnings: string[] = [];
  const breach = (candidate: string, budget: BudgetName, limit: string, actual: string, message: string) => breaches.push({ candidate, budget, limit, actual, message });

  const allowed = budgets.allowInvalid ?? 0;
  const invalid = report.history.invalid.count;
  if (invalid > allowed) {
    breach(HISTORY, 'allow-invalid', String(allowed), String(invalid), `${invalid} history line(s) could not be read (allowed: ${allowed}); fix them or pass --allow-invalid ${invalid}`);
  }
  const { fidelity } = report;
  const name = report.baseline.policy.name;
  if (fidelity.rate === null) {
    // Every line unreadable is a file of another kind (a CSV, a policy), not a history with a few bad lines.
    const unreadable = report.history.total > 0 && invalid === report.history.total;
    const why = unreadable
      ? `no line of the history could be read as a decision record: a history is JSON Lines, one JSON object a line (docs/history.md). Is this the right file?`
      : `the history has no records of policy '${name}': nothing was replayed, so nothing is known about the change`;
    breach(HISTORY, 'records', 'at least 1', '0', why);
  } else {
    if (fidelity.rate < FIDELITY_WARNING) {
      warnings.push(
        `the baseline reproduces only ${pct(fidelity.rate * 100)} of recorded routes (${fidelity.of - fidelity.reproduced} of ${fidelity.of} differ): every other figure is suspect; replay against the policy that produced this history`,
      );
    }
    if (budgets.minFidelityPct !== undefined && fidelity.rate * 100 < budgets.minFidelityPct) {
      breach(HISTORY, 'min-fidelity', pct(budgets.minFidelityPct), pct(fidelity.rate * 100), `the baseline reproduces ${pct(fidelity.rate * 100)} of recorded routes, below --min-fidelity ${pct(budgets.minFidelityPct)}`);
    }
  }

  for (const comparison of report.comparisons) {
    const label = comparison.candidate.policy.label;
    const escapes = comparison.escapes;
    const maxEscapes = budgets.maxEscapes;
    if (maxEscapes !== undefined && 'count' in maxEscapes && escapes.count > maxEscapes.count) {
      breach(label, 'max-escapes', String(maxEscapes.count), String(escapes.count), `${escapes.count} record(s) a person rejected or corrected, or that failed later, would run automatically (budget: ${maxEscapes.count})`);
    }
    if (maxEscapes !== undefined && 'rate' in maxEscapes && escapes.rate > maxEscapes.rate) {
      breach(label, 'max-escapes', pct(maxEscapes.rate * 100), pct(escapes.rate * 100), `${pct(escapes.rate * 100)} of replayed records would escape review (${escapes.count}; budget: ${pct(maxEscapes.rate * 100)})`);
    }
    const increase = comparison.reviewDelta.reviewsPct;
    const maxIncrease = budgets.maxReviewIncreasePct;
    if (maxIncrease !== undefined && (increase === null || increase > maxIncrease)) {
      const actual = increase === null ? `${comparison.reviewDelta.reviews} reviews where there were none` : pct(increase);
      breach(label, 'max-review-increase', pct(maxIncrease), actual, `human reviews rise by ${actual} (${report.baseline.reviews} → ${comparison.candidate.reviews}; budget: ${pct(maxIncrease)})`);
    }
  }
  const checked = [`allow-invalid ${allowed}`, 'records 1'];
  if (budgets.minFidelityPct !== undefined) checked.push(`min-fidelity ${pct(budgets.minFidelityPct)}`);
  if (budgets.maxEscapes !== undefined) checked.push(`max-escapes ${'count' in budgets.maxEscapes ? budgets.maxEscapes.count : pct(budgets.maxEscapes.rate * 100)}`);
  if (budgets.maxReviewIncreasePct !== undefined) checked.push(`max-review-increase ${pct(budgets.maxReviewIncreasePct)}`);
  return { pass: breaches.length === 0, checked, breaches, warnings };
}
