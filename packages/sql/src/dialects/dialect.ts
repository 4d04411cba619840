import type { FactSchema } from '@oversight/core';
import type { ColumnType } from '../column-type.js';
import type { Scalar } from '../json-equal.js';

/** The engines the compiler writes SQL for. */
export const DIALECTS = ['duckdb', 'spark', 'trino'] as const;
export type DialectName = (typeof DIALECTS)[number];

/**
 * A JSON value in the query: `sql` reads it (JSON in DuckDB and Trino, JSON
 * text in Spark); `parent` and `key` say where it sits, for a dialect (Spark)
 * that can only tell a value's type from its parent object.
 */
export interface JsonRef {
  sql: string;
  parent?: JsonRef;
  key?: string;
  /** Its JSONPath from the facts, where the dialect tracks it. */
  path?: string;
  /** Its column type, where the facts are typed columns (Parquet) rather than JSON. */
  column?: ColumnType;
}

/** `numeric` is any JSON number, finite or not; `number` and `integer` are ajv's (finite). */
export type JsonType = 'string' | 'numeric' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

/**
 * Everything that differs between engines, in one place per engine: how a
 * literal is written, how a JSON value is found, typed and read, and how the
 * result lists are built. A method returns a string explaining why when the
 * engine cannot do it exactly (`{ refused }`), or undefined where noted.
 */
export interface Dialect {
  name: DialectName;
  /** A string literal; undefined when the engine cannot hold the text exactly. */
  string(text: string): string | undefined;
  /** A DOUBLE literal equal to the JavaScript number; undefined when not finite. */
  number(value: number): string | undefined;
  /** The facts of a row, after `rootFrom`. */
  root: JsonRef;
  /** The value at `segments` (keys and indexes) under `ref`. */
  at(ref: JsonRef, segments: readonly (string | number)[]): JsonRef | { refused: string };
  /** TRUE when the value is absent or JSON null, never NULL. */
  unknown(ref: JsonRef): string;
  /**
   * The JSON type every present, non-null value at `ref` has, where the
   * dialect knows it (a typed column); the compiler then compares the value
   * directly, and SQL's NULL carries unknown.
   */
  known?(ref: JsonRef): Exclude<JsonType, 'number' | 'integer' | 'null'> | undefined;
  /** TRUE when the value is absent (JSON null is present), never NULL. */
  absent(ref: JsonRef): string;
  /** Whether a present value has the type; may be NULL, which callers read as false. */
  is(ref: JsonRef, type: JsonType): string;
  double(ref: JsonRef): string;
  text(ref: JsonRef): string;
  boolean(ref: JsonRef): string;
  textLength(text: string): string;
  /** A regex search with JavaScript's meaning; undefined when not portable to the engine. */
  matches(text: string, pattern: string): string | undefined;
  arrayLength(ref: JsonRef): string;
  /** TRUE when every item of a present array meets `check`; undefined when the engine cannot read items exactly. */
  everyItem(ref: JsonRef, schema: FactSchema, depth: number, check: (item: JsonRef) => string): string | undefined;
  /** TRUE when a present array has an item === value, never NULL; undefined when not exact in the engine. */
  containsItem(ref: JsonRef, value: Scalar, equals: (item: JsonRef) => string | undefined): string | undefined;
  /** TRUE when an array (whose items are checked strings) has no repeated item. */
  uniqueStrings(ref: JsonRef): string;
  /** TRUE when every key of a present object is among `names` (literals). */
  keysAmong(ref: JsonRef, names: readonly string[], depth: number): string;
  /** TRUE when a present object has the key, even with a null value; undefined when the name cannot be written. */
  hasKey(ref: JsonRef, name: string): string | undefined;
  /** TRUE when the facts object repeats a top-level key. */
  repeatsKey(ref: JsonRef): string;
  /** A list of the non-NULL ids among `items` (VARCHAR expressions), in order, typed even when empty. */
  idList(items: readonly string[]): string;
  /**
   * How input columns reach the output: `exclude` drops the working columns
   * with `* EXCLUDE`; `join` decides each distinct facts text once and joins it
   * back, for engines with no way to drop columns from `*`. `rootFrom` turns
   * that text (the join key) into `root`.
   */
  passThrough: 'exclude' | 'join';
  /** A column computed once before the rules read the facts (DuckDB: every declared fact in one parse). */
  prepare?: { column: string; sql: string };
  rootFrom(key: string): string;
}

export const isRefused = (value: JsonRef | { refused: string }): value is { refused: string } => 'refused' in value;

/** A name a dialect may write bare into a JSON path and a type string. */
export const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
