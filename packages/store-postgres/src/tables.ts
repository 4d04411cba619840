// Where the store's tables are: unqualified (the connection's search_path
// decides, usually `public`), or in a schema of the caller's choosing. A name
// cannot be a query parameter, so a schema name must be a plain identifier
// before it is quoted into SQL: nothing else reaches the statements' text.
export interface Tables {
  /** The schema, quoted; undefined for the search_path. */
  schema: string | undefined;
  /** Every entry, in the order written. */
  log: string;
  /** One row a decision: what the store looks decisions up by, and the row each change locks. */
  decisions: string;
  /** The migrations applied. */
  schemaVersion: string;
}

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The qualified names of the store's tables; throws for a schema name that is not a plain identifier (a programmer error). */
export function tablesIn(schema?: string): Tables {
  if (schema !== undefined && !PLAIN_IDENTIFIER.test(schema)) {
    throw new Error(`schema '${schema}' is not a plain identifier: use letters, digits and underscores (at most 63), not starting with a digit`);
  }
  const quoted = schema === undefined ? undefined : `"${schema}"`;
  const name = (table: string) => (quoted === undefined ? table : `${quoted}.${table}`);
  return { schema: quoted, log: name('oversight_log'), decisions: name('oversight_decisions'), schemaVersion: name('oversight_schema_version') };
}
