import { Option, type Command } from 'commander';
import { EXIT } from '../exit-codes.js';

const JOBS_REMOVED = 'error: option --jobs was removed: replays run in one thread (--engine duckdb replays on DuckDB embedded)';

/**
 * Keeps `--jobs`, removed, as a hidden option that fails with a usage error
 * saying what to use instead: commander's "unknown option" would not.
 */
export function rejectRemovedJobs(command: Command): void {
  command.addOption(new Option('--jobs [n]').hideHelp());
  command.on('option:jobs', () => command.error(JOBS_REMOVED, { exitCode: EXIT.usage, code: 'oversight.usage' }));
}
