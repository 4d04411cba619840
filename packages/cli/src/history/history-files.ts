import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { formatOf, FORMAT_NAMES } from '@oversight/duckdb';
import fg from 'fast-glob';

export interface HistoryFile {
  /** As reports show it: relative to where the command ran. */
  name: string;
  path: string;
  size: number;
}

export type HistoryFiles = { ok: true; files: HistoryFile[] } | { ok: false; message: string };

/**
 * Expands `--history` arguments: a file, a directory (its *.jsonl files,
 * recursively) or a glob. Sorted, without duplicates; an argument that
 * matches nothing is an error, not an empty replay. A Parquet or CSV file
 * (named *.parquet, *.csv) is one only DuckDB reads: an error unless `duckdb`
 * says the command's engine is DuckDB, rather than a replay of its "lines".
 */
export async function findHistoryFiles(patterns: readonly string[], cwd: string, { duckdb = false } = {}): Promise<HistoryFiles> {
  const paths: string[] = [];
  for (const pattern of patterns) {
    const path = resolve(cwd, pattern);
    const info = await stat(path).catch(() => undefined);
    let found: string[];
    if (info?.isFile()) found = [path];
    else if (info?.isDirectory()) found = await fg('**/*.{jsonl,ndjson}', { cwd: path, absolute: true, onlyFiles: true });
    else found = fg.isDynamicPattern(pattern) ? await fg(pattern, { cwd, absolute: true, onlyFiles: true }) : [];
    if (found.length === 0) {
      const what = info?.isDirectory() ? 'has no .jsonl files' : fg.isDynamicPattern(pattern) ? 'matches no file' : 'does not exist';
      return { ok: false, message: `history '${pattern}' ${what}` };
    }
    paths.push(...found.sort());
  }
  const unique = [...new Set(paths)];
  const rows = unique.find((path) => formatOf(path) !== 'jsonl');
  if (rows !== undefined && !duckdb) {
    return { ok: false, message: `history '${relative(cwd, rows) || rows}' is ${FORMAT_NAMES[formatOf(rows)]}, which only DuckDB reads: run simulate or sweep with --engine duckdb` };
  }
  const files = await Promise.all(unique.map(async (path) => ({ name: relative(cwd, path) || path, path, size: (await stat(path)).size })));
  return { ok: true, files };
}
