// How entries are written, inside a transaction the caller holds: the rows of
// the decisions they touch are locked, those decisions' entries read, the new
// entries inserted, and each decision's row rewritten from the fold of all its
// entries. The same steps serve append, update and sweepDue, so the index a
// query uses can never disagree with the log it summarises.
import { DuplicateDecisionKeyError, summarizeDecision, type LogEntry } from '@oversight/gate';
import { DatabaseError, type PoolClient } from 'pg';
import { DECISION_KEY_INDEX } from './migrate.js';
import type { Tables } from './tables.js';

/** Decisions whose rows this transaction has locked (or that have none yet), with their entries as read under the lock. */
export type LockedEntries = ReadonlyMap<string, readonly LogEntry[]>;

/** Each decision's entries in log order, one query for all of them; a decision with none maps to []. */
export async function entriesOfDecisions(client: PoolClient, tables: Tables, ids: readonly string[]): Promise<Map<string, LogEntry[]>> {
  const entries = new Map<string, LogEntry[]>(ids.map((id) => [id, []]));
  const { rows } = await client.query<{ decision_id: string; entry: string }>(
    `SELECT decision_id, entry::text AS entry FROM ${tables.log} WHERE decision_id = ANY($1::text[]) ORDER BY seq`,
    [ids],
  );
  for (const row of rows) entries.get(row.decision_id)?.push(parseEntry(row.entry));
  return entries;
}

/** An entry as stored: the JSON text append wrote. */
export function parseEntry(text: string): LogEntry {
  return JSON.parse(text) as LogEntry;
}

/**
 * Appends `entries` in order and re-indexes every decision they touch. Rows not
 * in `locked` are locked here (in id order, so two writers cannot deadlock on
 * each other's batch). Rejects with DuplicateDecisionKeyError when a first
 * proposal repeats a (policy, decisionKey) another decision holds.
 */
export async function appendUnderLock(client: PoolClient, tables: Tables, entries: readonly LogEntry[], locked: LockedEntries = new Map()): Promise<void> {
  if (entries.length === 0) return;
  const added = groupByDecision(entries);
  const before = new Map(locked);
  const unlocked = [...added.keys()].filter((id) => !locked.has(id)).sort();
  if (unlocked.length > 0) {
    await client.query(`SELECT id FROM ${tables.decisions} WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [unlocked]);
    for (const [id, existing] of await entriesOfDecisions(client, tables, unlocked)) before.set(id, existing);
  }
  // One statement for the batch; ORDER BY the array position keeps seq in the order given.
  await client.query(
    `INSERT INTO ${tables.log} (decision_id, entry)
     SELECT decision_id, entry::json FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS batch(decision_id, entry, position) ORDER BY position`,
    [entries.map((entry) => entry.decisionId), entries.map((entry) => JSON.stringify(entry))],
  );
  for (const [id, fresh] of added) await indexDecision(client, tables, id, before.get(id) ?? [], fresh);
}

function groupByDecision(entries: readonly LogEntry[]): Map<string, LogEntry[]> {
  const groups = new Map<string, LogEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.decisionId);
    if (group) group.push(entry);
    else groups.set(entry.decisionId, [entry]);
  }
  return groups;
}

/**
 * Writes a decision's row from the fold of its entries. The row carries the
 * count of entries it summarises: a decision with no row yet has nothing to
 * lock, so when two transactions create the same id at once the second finds
 * the count moved and rejects, rather than overwrite the row with a summary
 * that misses the first one's entries.
 */
async function indexDecision(client: PoolClient, tables: Tables, id: string, before: readonly LogEntry[], added: readonly LogEntry[]): Promise<void> {
  // Entries that name no proposal (an answer to an unknown decision) stay in the log, as in a file, and index nothing.
  const summary = summarizeDecision([...before, ...added]);
  if (summary === undefined) return;
  const result = await client
    .query(
      `INSERT INTO ${tables.decisions} AS d (id, policy, decision_key, open, reviewer, deadline, at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET policy = excluded.policy, decision_key = excluded.decision_key, open = excluded.open,
         reviewer = excluded.reviewer, deadline = excluded.deadline, at = excluded.at, version = excluded.version
       WHERE d.version = $9`,
      [id, summary.policy, summary.decisionKey ?? null, summary.open, summary.reviewer ?? null, summary.deadline ?? null, summary.at, before.length + added.length, before.length],
    )
    .catch((error: unknown) => {
      if (error instanceof DatabaseError && error.code === '23505' && error.constraint === DECISION_KEY_INDEX) {
        throw new DuplicateDecisionKeyError(summary.policy, summary.decisionKey ?? '');
      }
      throw error;
    });
  if (result.rowCount === 0) {
    throw new Error(`decision ${id} was written by another transaction while this one wrote it (two gates created the same id at once); nothing was written: retry`);
  }
}
