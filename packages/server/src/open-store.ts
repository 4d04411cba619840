// Opens a decision store from one string, as a command line or an environment
// variable gives it: a PostgreSQL URL for several replicas, else a JSON Lines file.
import { JsonlDecisionLog, type DecisionStore, type JsonlLogOptions } from '@oversight/gate';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** A store spec that names PostgreSQL (`postgres://` or `postgresql://`), not a file. */
export function isPostgresUrl(spec: string): boolean {
  return POSTGRES_URL.test(spec);
}

/** `postgres://` or `postgresql://` opens a PostgresDecisionStore; anything else is the path of a JSON Lines log. */
/** `jsonl` applies to a JSON Lines log only (a PostgreSQL store commits each change before it answers). */
export async function openStore(spec: string, options: { jsonl?: JsonlLogOptions } = {}): Promise<DecisionStore> {
  if (!isPostgresUrl(spec)) return JsonlDecisionLog.open(spec, options.jsonl);
  // Loaded only for a PostgreSQL store: a server on a JSON Lines log never loads the driver.
  const { PostgresDecisionStore } = await import('@oversight/postgres');
  return PostgresDecisionStore.open(spec);
}
