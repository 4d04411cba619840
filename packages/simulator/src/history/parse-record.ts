import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { historyRecordSchema, logEventSchema, parseJson, type HistoryRecord } from '@oversight/core';

/** `event`: a decision log's line that is not a settled decision (a proposal waiting, an approval, an escalation, a warning): counted, skipped. */
export type ParsedRecord = { ok: true; record: HistoryRecord } | { ok: false; reason: string } | { ok: 'event' };

// Compiled on first use: a command that replays nothing does not pay for it.
let validateRecord: ValidateFunction<HistoryRecord> | undefined;
let validateEvent: ValidateFunction | undefined;

function compileValidator<T>(schema: object): ValidateFunction<T> {
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  // The fast date-time check is one regular expression; the full one parses the date and
  // costs more than the rest of a replay (the decision does not depend on `at`).
  addFormats.default(ajv, { mode: 'fast', formats: ['date-time'] });
  return ajv.compile<T>(schema);
}

/**
 * One line of a history: JSON as every entry point reads it (parseJson: a
 * repeated key, or a line past the length or depth limit, is refused like a
 * syntax error), then the v1 history record schema. A line that fails either
 * is a reason a person can act on, never an exception, and never agreement.
 */
export function parseRecord(text: string): ParsedRecord {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, reason: parsed.error.message };
  const value = parsed.value;
  if (value !== null && typeof value === 'object' && 'event' in value) {
    // Checked against its own schema: a record with an `event` field added is not hidden from the replay.
    const validEvent = (validateEvent ??= compileValidator(logEventSchema));
    return validEvent(value) ? { ok: 'event' } : { ok: false, reason: `not a decision log event: ${describe(validEvent.errors?.[0])}` };
  }
  const validate = (validateRecord ??= compileValidator<HistoryRecord>(historyRecordSchema));
  if (validate(value)) return { ok: true, record: value };
  return { ok: false, reason: describe(validate.errors?.[0]) };
}

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return 'not a history record';
  const where = error.instancePath === '' ? 'the record' : error.instancePath.slice(1).replaceAll('/', '.');
  if (error.keyword === 'required') return `${where} has no '${(error.params as { missingProperty: string }).missingProperty}' (a history record v1 needs decisionId, at, policy, facts and route)`;
  if (error.keyword === 'enum') return `${where} ${error.message}: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return `${where} ${error.message}`;
}
