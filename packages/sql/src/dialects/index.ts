// The dialects the compiler writes, by name.
import type { Dialect, DialectName } from './dialect.js';
import { duckdb } from './duckdb.js';
import { spark } from './spark.js';
import { trino } from './trino.js';

export const DIALECT: Record<DialectName, Dialect> = { duckdb, spark, trino };
export { DIALECTS, isRefused, type Dialect, type DialectName, type JsonRef } from './dialect.js';
