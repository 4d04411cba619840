// What a typed row (a Parquet history's) says as JSON: to_json writes every
// struct field, a NULL one as null, and a Parquet row cannot tell an absent
// key from a null one. Oversight reads a NULL struct field as absent (so a
// row with no outcome has none), and keeps list items and JSON columns as
// they are. The compiled SQL reads the typed columns with the same meaning.
import { JSON_LIMITS, parseJson } from '@oversight/core';
import type { ColumnType } from '@oversight/sql';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON value a typed column's value stands for: NULL struct fields (and JSON null ones) left out, at every depth. */
export function canonicalValue(value: unknown, type: ColumnType): unknown {
  if (type.kind === 'struct' && isObject(value)) {
    const object: Record<string, unknown> = {};
    for (const [name, field] of type.fields) {
      if (!Object.hasOwn(value, name) || value[name] === null) continue;
      // defineProperty: a field named __proto__ is a key like any other.
      Object.defineProperty(object, name, { value: canonicalValue(value[name], field), enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  if (type.kind === 'list' && Array.isArray(value)) return value.map((item) => canonicalValue(item, type.item));
  return value;
}

/**
 * The JSON text of a row from to_json's text, or why it is none (a NaN or an
 * infinity, which JSON cannot hold; a JSON column repeating a key). The nulls
 * to_json writes do not count toward the length limit: the record is read
 * without them.
 */
export function canonicalText(toJson: string, type: ColumnType): { ok: true; text: string } | { ok: false; reason: string } {
  const read = canonicalJson(toJson, type);
  return read.ok ? { ok: true, text: JSON.stringify(read.value) } : read;
}

/** The JSON value to_json's text of a typed value stands for, or why it stands for none. */
export function canonicalJson(toJson: string, type: ColumnType): { ok: true; value: unknown } | { ok: false; reason: string } {
  const parsed = parseJson(toJson, { ...JSON_LIMITS, maxLength: Number.MAX_SAFE_INTEGER });
  return parsed.ok ? { ok: true, value: canonicalValue(parsed.value, type) } : { ok: false, reason: parsed.error.message };
}
