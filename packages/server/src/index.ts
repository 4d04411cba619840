// The public API of @oversight/server: the Oversight decision service over HTTP.
export { buildServer, PolicyLoadError } from './build-server.js';
export type { OversightServer } from './build-server.js';
export { closeOnSignals, startServer } from './start-server.js';
export type { RunningServer, SignalOptions, StartOptions } from './start-server.js';
export { isPostgresUrl, openStore } from './open-store.js';
export type { AuthOptions, PolicySummary, ReloadResult, ServerOptions } from './options.js';
export type { JwtAuthOptions } from './jwt-verifier.js';
export type { ServerLog } from './server-log.js';
export type { Problem } from './http/problem.js';
