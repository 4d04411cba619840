import type { SqlDiagnostic } from '@oversight/sql';

/** A policy the SQL compiler cannot reproduce exactly: DuckDB cannot replay it, the streaming engine can. */
export class SqlRefusalError extends Error {
  constructor(
    readonly policy: string,
    readonly diagnostics: readonly SqlDiagnostic[],
  ) {
    super(`${policy} cannot be replayed on DuckDB: ${diagnostics.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
  }
}
