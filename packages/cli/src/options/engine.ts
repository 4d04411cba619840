import { Option } from 'commander';

export const ENGINES = ['stream', 'duckdb'] as const;
export type Engine = (typeof ENGINES)[number];

/** `--engine`: the streaming replay in this process, or DuckDB embedded (the same report, for large histories). */
export function engineOption(): Option {
  return new Option('--engine <engine>', 'stream replays in this process; duckdb runs the policy compiled to SQL on DuckDB embedded (same report, many cores)')
    .choices(ENGINES)
    .default('stream');
}
