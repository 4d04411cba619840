// Test support: a throwaway PostgreSQL cluster per test run.
export { postgresBinDir, startPostgres } from './pg-cluster.js';
export type { PostgresCluster, StartPostgresOptions } from './pg-cluster.js';
