// Checks a decision log line by line: each line is a history record or a log
// event by its schema; the hash chain holds from where it starts; every answer
// follows its proposal; nothing is settled twice; a settled decision keeps the
// facts it was proposed with. A plain v1 history (no chain, no events) is sound.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { historyRecordSchema, logEventSchema, parseJson } from '@oversight/core';
import { factsHash } from '../facts-hash.js';
import { applyEntry, emptyState } from '../state/gate-state.js';
import { runFactsOf } from '../state/view.js';
import type { Proposal } from '../types.js';
import { lineHash } from './chain.js';
import { isEventLine, type LogEntry } from './log-entry.js';

export interface LogProblem {
  /** 1-based. */
  line: number;
  message: string;
}

export interface LogVerification {
  sound: boolean;
  lines: number;
  records: number;
  events: number;
  /** Open proposals at the end of the log: waiting for a person. */
  open: number;
  problems: LogProblem[];
  /** The hash of the last line: anchor it elsewhere to detect a removed tail. */
  head: string | null;
  /** The first line that carries `prev`, where the chain starts (undefined for a plain history). */
  chainStartsAt?: number;
}

let validators: { record: ValidateFunction; event: ValidateFunction } | undefined;

function compileValidators(): { record: ValidateFunction; event: ValidateFunction } {
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  addFormats.default(ajv, { formats: ['date-time'] });
  return { record: ajv.compile(historyRecordSchema), event: ajv.compile(logEventSchema) };
}

export async function verifyLog(lines: AsyncIterable<string> | Iterable<string>): Promise<LogVerification> {
  const { record: validRecord, event: validEvent } = (validators ??= compileValidators());
  const state = emptyState();
  const problems: LogProblem[] = [];
  let number = 0;
  let records = 0;
  let events = 0;
  let previous: string | null = null;
  let chainStartsAt: number | undefined;

  for await (const text of lines) {
    number++;
    const report = (message: string) => problems.push({ line: number, message });
    const expectedPrev = previous;
    previous = lineHash(text);
    const parsed = parseJson(text);
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      report(parsed.ok ? 'not a JSON object' : parsed.error.message);
      continue;
    }
    const value = parsed.value as Record<string, unknown>;

    if ('prev' in value) {
      chainStartsAt ??= number;
      if (value.prev !== expectedPrev) {
        report(
          number === 1 && value.prev !== null
            ? 'the first line of a log has prev: null, but this one names a line before it: lines were removed from the start'
            : `prev does not match the line before it: a line was edited, removed or reordered${number > 1 ? ` at or before line ${number - 1}` : ''}`,
        );
      }
    } else if (chainStartsAt !== undefined) {
      report(`no prev, though the chain started at line ${chainStartsAt}: a line was inserted or rewritten`);
    }

    const isEvent = 'event' in value;
    const validate = isEvent ? validEvent : validRecord;
    if (!validate(value)) {
      report(`${isEvent ? 'not a log event' : 'not a history record'}: ${describe(validate.errors?.[0])}`);
      continue;
    }
    const { prev: _chain, ...entry } = value as unknown as LogEntry & { prev?: unknown };
    if (isEvent) events++;
    else records++;
    checkFacts(entry, state.proposals.get(entry.decisionId)?.factsHash, report);
    if (isEventLine(entry) && entry.event === 'executed') checkExecuted(entry.factsHash, state.proposals.get(entry.decisionId), entry.decisionId, report);
    const anomalies = state.anomalies.length;
    applyEntry(state, entry);
    for (const anomaly of state.anomalies.slice(anomalies)) report(`decision ${anomaly.decisionId}: ${anomaly.problem}`);
  }

  let open = 0;
  for (const proposal of state.proposals.values()) if (proposal.status === 'pending' || proposal.status === 'under_review') open++;
  return { sound: problems.length === 0, lines: number, records, events, open, problems, head: previous, ...(chainStartsAt !== undefined && { chainStartsAt }) };
}

/** A settled record keeps the facts its proposal was made with, and says their hash truly. */
function checkFacts(entry: LogEntry, proposedHash: string | undefined, report: (message: string) => void): void {
  if (isEventLine(entry) && entry.event !== 'proposed') return;
  const claimed = entry.factsHash;
  if (claimed === undefined) return;
  const actual = factsHash(entry.facts);
  if (claimed !== actual) report(`decision ${entry.decisionId}: factsHash does not match its facts: the facts were changed after they were decided`);
  else if (!isEventLine(entry) && proposedHash !== undefined && proposedHash !== actual) report(`decision ${entry.decisionId}: settled with other facts than it was proposed with`);
}

/** A run the log records must be of a decision that could run, with the facts it allowed. */
function checkExecuted(ranWith: string, proposal: Proposal | undefined, id: string, report: (message: string) => void): void {
  if (proposal === undefined) return; // applyEntry reports a run of a decision never proposed
  const allowed = runFactsOf(proposal);
  if (allowed === undefined) report(`decision ${id}: executed while it was ${proposal.status}, which does not run`);
  else if (factsHash(allowed) !== ranWith) report(`decision ${id}: executed with other facts than those allowed`);
}

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return 'invalid';
  const where = error.instancePath === '' ? 'the line' : error.instancePath.slice(1).replaceAll('/', '.');
  if (error.keyword === 'required') return `${where} has no '${(error.params as { missingProperty: string }).missingProperty}'`;
  return `${where} ${error.message ?? 'is invalid'}`;
}
