// A decision store in PostgreSQL, shared by several gates (replicas). The log
// is one table in write order; a second table holds one row a decision, the
// fold of its entries, which is both what queries look decisions up by and the
// lock a change takes: `update` waits on the row (SELECT ... FOR UPDATE), and
// `sweepDue` skips rows another gate holds (SKIP LOCKED). Every method rejects
// when its queries fail; a write resolves only once COMMIT has returned.
import type { LogEntry, SharedDecisionStore, StoreChange } from '@oversight/gate';
import type { Pool } from 'pg';
import { appendUnderLock, entriesOfDecisions, parseEntry } from './append-under-lock.js';
import { connectPool, type PoolOptions } from './connect.js';
import { migrate } from './migrate.js';
import { tablesIn, type Tables } from './tables.js';
import { transaction } from './transaction.js';

export interface PostgresStoreOptions {
  /** Settings for the pg connection pool: `max` connections, timeouts (`lock_timeout`, `statement_timeout`), `ssl`. */
  pool?: PoolOptions;
  /** A schema of the store's own (created when missing); by default the connection's search_path decides, usually `public`. */
  schema?: string;
}

/** Rows read() fetches at a time, so a long log is streamed rather than held in memory. */
const PAGE_SIZE = 5_000;

export class PostgresDecisionStore implements SharedDecisionStore {
  readonly shared = true as const;
  private closing: Promise<void> | undefined;
  /** Calls under way: close() lets them finish (pg's Pool.end would strand one still waiting for a connection). */
  private readonly inFlight = new Set<Promise<unknown>>();

  private constructor(
    private readonly pool: Pool,
    private readonly tables: Tables,
  ) {}

  /**
   * Connects to `url` (a postgres:// connection string) and creates or upgrades
   * the store's tables. Rejects, naming the host and port, when it cannot connect.
   */
  static async open(url: string | undefined, options: PostgresStoreOptions = {}): Promise<PostgresDecisionStore> {
    const tables = tablesIn(options.schema);
    const pool = await connectPool(url, options.pool);
    try {
      await transaction(pool, (client) => migrate(client, tables));
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresDecisionStore(pool, tables);
  }

  /**
   * Every entry in log order, from one snapshot: entries other gates commit
   * while it streams are not half-seen. Holds one connection until the
   * iteration ends (or the caller stops early).
   */
  async *read(): AsyncIterable<LogEntry> {
    const client = await this.run((pool) => pool.connect());
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for (let after = '0'; ; ) {
        const { rows } = await client.query<{ seq: string; entry: string }>(
          `SELECT seq, entry::text AS entry FROM ${this.tables.log} WHERE seq > $1 ORDER BY seq LIMIT $2`,
          [after, PAGE_SIZE],
        );
        for (const row of rows) yield parseEntry(row.entry);
        const last = rows.at(-1);
        if (last === undefined || rows.length < PAGE_SIZE) break;
        after = last.seq;
      }
    } finally {
      // A read-only snapshot: ending it loses nothing, and a connection that cannot end it is destroyed.
      const broken = await client.query('ROLLBACK').then(() => false, () => true);
      client.release(broken);
    }
  }

  /** Appends in one transaction; rejects with DuplicateDecisionKeyError (writing nothing) when a first proposal repeats a policy's decisionKey. */
  async append(entries: readonly LogEntry[]): Promise<void> {
    await this.run(async (pool) => {
      if (entries.length > 0) await transaction(pool, (client) => appendUnderLock(client, this.tables, entries));
    });
  }

  async entriesOf(id: string): Promise<LogEntry[]> {
    const { rows } = await this.run((pool) => pool.query<{ entry: string }>(`SELECT entry::text AS entry FROM ${this.tables.log} WHERE decision_id = $1 ORDER BY seq`, [id]));
    return rows.map((row) => parseEntry(row.entry));
  }

  /** Locks decision `id` (waiting while another gate holds it), runs `work` on its entries, appends what it returns; `work` throwing rolls back and rejects with its error. */
  async update<T>(id: string, work: (entries: readonly LogEntry[]) => StoreChange<T>): Promise<T> {
    return this.run((pool) => transaction(pool, async (client) => {
      await client.query(`SELECT id FROM ${this.tables.decisions} WHERE id = $1 FOR UPDATE`, [id]);
      const locked = await entriesOfDecisions(client, this.tables, [id]);
      const change = work(locked.get(id) ?? []);
      await appendUnderLock(client, this.tables, change.append, locked);
      return change.result;
    }));
  }

  /** The entries of each open decision, oldest first (then by id), in one query. */
  async openEntries(filter: { reviewers?: readonly string[]; deadlineBy?: Date } = {}): Promise<LogEntry[][]> {
    const conditions = ['d.open'];
    const values: unknown[] = [];
    if (filter.reviewers !== undefined) conditions.push(`d.reviewer = ANY($${values.push(filter.reviewers)}::text[])`);
    if (filter.deadlineBy !== undefined) conditions.push(`d.deadline <= $${values.push(filter.deadlineBy.toISOString())}`);
    const { rows } = await this.run((pool) => pool.query<{ decision_id: string; entry: string }>(
      `SELECT l.decision_id, l.entry::text AS entry
       FROM ${this.tables.decisions} d JOIN ${this.tables.log} l ON l.decision_id = d.id
       WHERE ${conditions.join(' AND ')}
       ORDER BY d.at, d.id, l.seq`,
      values,
    ));
    const decisions: LogEntry[][] = [];
    let current: { id: string; entries: LogEntry[] } | undefined;
    for (const row of rows) {
      if (current?.id !== row.decision_id) {
        current = { id: row.decision_id, entries: [] };
        decisions.push(current.entries);
      }
      current.entries.push(parseEntry(row.entry));
    }
    return decisions;
  }

  /**
   * Locks up to `limit` open decisions due at `now` that no other gate holds,
   * earliest deadline first, and appends what `work` returns for each, in one
   * transaction. `work` throwing rolls the whole sweep back and rejects.
   */
  async sweepDue(now: Date, work: (entries: readonly LogEntry[]) => readonly LogEntry[], limit = 100): Promise<LogEntry[]> {
    return this.run((pool) => transaction(pool, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM ${this.tables.decisions} WHERE open AND deadline <= $1 ORDER BY deadline, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now.toISOString(), limit],
      );
      if (rows.length === 0) return [];
      const locked = await entriesOfDecisions(client, this.tables, rows.map((row) => row.id));
      const appended = rows.flatMap((row) => work(locked.get(row.id) ?? []));
      await appendUnderLock(client, this.tables, appended, locked);
      return appended;
    }));
  }

  async idForKey(policy: string, decisionKey: string): Promise<string | undefined> {
    const { rows } = await this.run((pool) => pool.query<{ id: string }>(`SELECT id FROM ${this.tables.decisions} WHERE policy = $1 AND decision_key = $2`, [policy, decisionKey]));
    return rows[0]?.id;
  }

  /** Lets calls under way finish (a read() being iterated included), then ends the pool; later calls reject. */
  close(): Promise<void> {
    this.closing ??= Promise.allSettled(this.inFlight).then(() => this.pool.end());
    return this.closing;
  }

  /** Runs one call on the pool, refusing once close() has begun. */
  private async run<T>(call: (pool: Pool) => Promise<T>): Promise<T> {
    if (this.closing !== undefined) throw new Error('this PostgresDecisionStore is closed: open another with PostgresDecisionStore.open()');
    const running = call(this.pool);
    this.inFlight.add(running);
    try {
      return await running;
    } finally {
      this.inFlight.delete(running);
    }
  }
}
