// Links a simulation's route changes to the regions `oversight diff` finds:
// for each candidate, the regions of inputs it routes otherwise than the
// baseline, and for each region the replayed records that fell in it and what
// people did with them ("this region moves; history had 120 such actions, 9
// of which a person rejected").
import { cellsOf, diffPolicies, inBox, type PolicyDiff } from '@oversight/analysis';
import { compilePolicy, type CompiledPolicy, type HistoryRecord } from '@oversight/core';
import type { RouteChangesObserver } from '@oversight/duckdb';
import type { PolicyUnderTest, RegionMove, RouteChangeObserver, SimulationReport } from '@oversight/simulator';

export class RegionMoves {
  private readonly diffs: PolicyDiff[];
  private readonly tallies: RegionMove[][];

  constructor(baseline: PolicyUnderTest, candidates: readonly PolicyUnderTest[]) {
    const before = withThresholds(baseline);
    this.diffs = candidates.map((candidate) => diffPolicies(before, withThresholds(candidate)));
    this.tallies = this.diffs.map((diff) => diff.changed.map(({ from, to, where, example }) => ({ from, to, where, example, records: 0, rejected: 0, edited: 0, approved: 0 })));
  }

  /** A record of the streaming replay. */
  readonly observe: RouteChangeObserver = (variant: number, record: HistoryRecord) => this.count(variant, record.facts, record.outcome?.decision ?? null, 1);

  /** Records of a DuckDB replay alike in facts and decision. */
  readonly observeMany: RouteChangesObserver = ({ variant, facts, decision, records }) => this.count(variant, facts, decision, records);

  private count(variant: number, facts: Record<string, unknown>, decision: string | null, records: number): void {
    const diff = this.diffs[variant - 1]!;
    const cells = cellsOf(diff.space, facts);
    const at = diff.changed.findIndex((region) => inBox(region.box, cells));
    // A record in no region decided is in one the analysis could not cut (an unknown region).
    if (at < 0) return;
    const tally = this.tallies[variant - 1]![at]!;
    tally.records += records;
    if (decision === 'rejected' || decision === 'edited' || decision === 'approved') tally[decision] += records;
  }

  /** The report with each comparison's regions, most records first. */
  attach(report: SimulationReport): SimulationReport {
    return {
      ...report,
      comparisons: report.comparisons.map((comparison, i) => ({ ...comparison, regions: [...this.tallies[i]!].sort((a, b) => b.records - a.records) })),
    };
  }
}

/** The policy as the simulation runs it: its thresholds at the values the run gives them. */
function withThresholds({ plan, thresholds }: PolicyUnderTest): CompiledPolicy {
  if (thresholds === undefined || Object.keys(thresholds).length === 0) return plan;
  const declared = plan.policy.spec.thresholds ?? {};
  const values = Object.fromEntries(Object.entries(declared).map(([name, threshold]) => [name, { ...threshold, value: thresholds[name] ?? threshold.value }]));
  return compilePolicy({ ...plan.policy, spec: { ...plan.policy.spec, thresholds: values } });
}
