// The public API of @oversight/postgres: a decision store in PostgreSQL that several gates share.
export { PostgresDecisionStore } from './postgres-decision-store.js';
export type { PostgresStoreOptions } from './postgres-decision-store.js';
export type { PoolOptions } from './connect.js';
