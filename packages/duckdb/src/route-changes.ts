// The replayed records a candidate routes otherwise than the baseline, for
// what links changes to places in the input space (the CLI's regions): their
// facts as the records hold them and what a person decided. Records alike in
// both are read once and told with their number, so JavaScript reads the
// distinct changed facts, never the history.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ROUTES, type Route } from '@oversight/core';
import type { ReplayVariant } from '@oversight/simulator/internal';
import type { ColumnType } from '@oversight/sql';
import { canonicalJson } from './canonical-record.js';
import { decidedRecords } from './variant-queries.js';

/** Records a candidate routes otherwise: `records` of them with these facts and this decision (null: none recorded). */
export interface RouteChange {
  /** The candidate, counted from 1 as the streaming replay's onRouteChange counts it. */
  variant: number;
  facts: Record<string, unknown>;
  decision: string | null;
  baseline: Route;
  candidate: Route;
  records: number;
}

export type RouteChangesObserver = (change: RouteChange) => void;

/** Tells `observe` of the replayed records (relation `replayed`) each candidate routes otherwise than the baseline. */
export async function observeRouteChanges(connection: DuckDBConnection, replayed: string, variants: readonly ReplayVariant[], facts: ColumnType | undefined, observe: RouteChangesObserver): Promise<void> {
  const decided = decidedRecords(replayed, variants, facts);
  const routes = decided.columns.map((column, v) => `${column.route} AS route_${v}`);
  const changed = decided.columns.slice(1).map((column) => `${column.route} IS DISTINCT FROM ${decided.columns[0]!.route}`);
  if (changed.length === 0) return;
  const result = await connection.stream(`${decided.steps}
    SELECT CAST(to_json(facts) AS VARCHAR) AS facts, verdict, ${routes.join(', ')}, count(*)::DOUBLE AS n
    FROM ${decided.last} WHERE ${changed.join(' OR ')} GROUP BY ALL ORDER BY min(pos)`);
  // Typed facts: a NULL field is an absent one, as the record it stands for has it.
  const type: ColumnType = facts ?? { kind: 'json' };
  for await (const rows of result.yieldRowObjectJs()) {
    for (const row of rows) {
      const read = canonicalJson(row.facts as string, type);
      if (!read.ok) throw new Error(`a replayed record's facts could not be read back: ${read.reason}`);
      // A route is its name, or its place in ROUTES where the outcome is one code.
      const [baseline, ...candidates] = variants.map((_, v): Route => {
        const route = row[`route_${v}`];
        return typeof route === 'string' ? (route as Route) : ROUTES[Number(route)]!;
      });
      candidates.forEach((candidate, i) => {
        if (candidate === baseline) return;
        observe({ variant: i + 1, facts: read.value as Record<string, unknown>, decision: row.verdict as string | null, baseline: baseline!, candidate, records: row.n as number });
      });
    }
  }
}
