// Opens a decision store from one string, as a command line or an environment
// variable gives it: a PostgreSQL URL for several replicas, else a JSON Lines file.
import { JsonlDecisionLog, type DecisionStore } from '@oversight/gate';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** `postgres://` or `postgresql://` opens a PostgresDecisionStore; anything else is the path of a JSON Lines log. */
export async function openStore(spec: string): Promise<DecisionStore> {
  if (!POSTGRES_URL.test(spec)) return JsonlDecisionLog.open(spec);
  // Loaded only for a PostgreSQL store: a server on a JSON Lines log never loads the driver.
  const { PostgresDecisionStore } = await import('@oversight/postgres');
  return PostgresDecisionStore.open(spec);
}
