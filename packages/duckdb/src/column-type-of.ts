import { DuckDBListType, DuckDBStructType, DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import type { ColumnType } from '@oversight/sql';

const INTEGERS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT,
]);

/**
 * A DuckDB column type as the SQL compiler reads typed facts. Integers of at
 * most 64 bits and DOUBLE are numbers as JavaScript parses them (CAST to
 * DOUBLE rounds as JSON.parse does); FLOAT, DECIMAL and HUGEINT are not, and
 * with every other type are read as the JSON to_json writes.
 */
export function columnTypeOf(type: DuckDBType): ColumnType {
  if (type.typeId === DuckDBTypeId.BOOLEAN) return { kind: 'boolean' };
  if (INTEGERS.has(type.typeId)) return { kind: 'integer' };
  if (type.typeId === DuckDBTypeId.DOUBLE) return { kind: 'double' };
  if (type.typeId === DuckDBTypeId.VARCHAR) return type.alias === 'JSON' ? { kind: 'json' } : { kind: 'varchar' };
  if (type instanceof DuckDBListType) return { kind: 'list', item: columnTypeOf(type.valueType) };
  if (type instanceof DuckDBStructType) return { kind: 'struct', fields: type.entryNames.map((name, i) => [name, columnTypeOf(type.entryTypes[i]!)] as const) };
  return { kind: 'other', name: type.toString() };
}
