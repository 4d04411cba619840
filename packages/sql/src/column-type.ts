/**
 * The type of a facts column the compiler can read without JSON: what a
 * Parquet file holds (DuckDB's read_json writes these when it converts a JSON
 * Lines history). A SQL NULL in a struct field is an absent key; in a list it
 * is a JSON null item. `json` is a JSON column; `other` is any type read as
 * the JSON DuckDB's to_json writes for it (DATE, MAP, FLOAT, DECIMAL, ...).
 */
export type ColumnType =
  | { kind: 'boolean' | 'integer' | 'double' | 'varchar' }
  | { kind: 'json' }
  | { kind: 'other'; name: string }
  | { kind: 'list'; item: ColumnType }
  | { kind: 'struct'; fields: readonly (readonly [name: string, type: ColumnType])[] };

/** Levels of nesting a value of the type can have, as JSON counts them (a scalar is 0). */
export function columnDepth(type: ColumnType): number {
  if (type.kind === 'list') return 1 + columnDepth(type.item);
  if (type.kind === 'struct') return 1 + Math.max(0, ...type.fields.map(([, field]) => columnDepth(field)));
  // A JSON or other value's depth is unknown: a screen reads such a value in full.
  return type.kind === 'json' || type.kind === 'other' ? Number.POSITIVE_INFINITY : 0;
}
