// A facts mapping for the official MCP filesystem server
// (@modelcontextprotocol/server-filesystem): the tool and its arguments, plus
// what a policy needs to know about the paths and whether the call can be undone.
import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { defaultFacts } from './default-mapping.js';
import type { Facts, FactsMapping } from './types.js';

/** The server's tools that change nothing. */
export const FILESYSTEM_READ_TOOLS: readonly string[] = [
  'read_file',
  'read_text_file',
  'read_media_file',
  'read_multiple_files',
  'list_directory',
  'list_directory_with_sizes',
  'directory_tree',
  'search_files',
  'get_file_info',
  'list_allowed_directories',
];

/** The facts this mapping adds to the tool name and arguments. */
export const FILESYSTEM_DERIVED_FACTS: readonly string[] = ['targets', 'pathSegments', 'irreversible'];

export interface FilesystemFactsOptions {
  /** The allowed directories the server was started with (its command-line arguments). */
  roots: readonly string[];
}

/**
 * Facts for a filesystem-server call: `{ tool, ...arguments }` and
 * - `targets`: every path the call touches (`path`, `paths`, `source`,
 *   `destination`), resolved as the server resolves it: `~` expanded, a
 *   relative path against the allowed directories, `..` removed, and the
 *   symbolic links of the folders that exist followed, so neither
 *   `docs/../contracts/x` nor a link to `contracts/` hides where a write lands;
 * - `pathSegments`: the folder and file names along those paths below the
 *   allowed directory that holds them (the whole path outside them), NFC
 *   normalised and lowercased, so a policy matches a protected folder by name
 *   (`{ fact: pathSegments, operator: contains, value: contracts }`) whatever
 *   the case on a case-insensitive disk;
 * - `irreversible`: `true` for `write_file`, `move_file`, an applied
 *   `edit_file` and any tool this mapping does not know; `false` for reads,
 *   dry runs and `create_directory`.
 *
 * `edit_file` without `dryRun` gets `dryRun: false` written out (the server's
 * default), so a policy can tell a dry run from an edit. An argument named like
 * a derived fact is refused (the call is not forwarded).
 */
export function filesystemFacts(options: FilesystemFactsOptions): FactsMapping {
  if (options.roots.length === 0) throw new Error('filesystemFacts needs the allowed directories the server was started with (roots)');
  let roots: Promise<string[]> | undefined;
  return async (toolName: string, args: Record<string, unknown>): Promise<Facts> => {
    const facts = defaultFacts(toolName, args);
    for (const key of FILESYSTEM_DERIVED_FACTS) {
      if (Object.hasOwn(args, key)) throw new Error(`tool ${toolName} has an argument named '${key}', which the filesystem mapping derives itself`);
    }
    if (toolName === 'edit_file' && facts.dryRun === undefined) facts.dryRun = false;
    roots ??= Promise.all(options.roots.map((root) => realpath(path.resolve(expandHome(root)))));
    const allowed = await roots;
    const targets = await Promise.all(pathArguments(args).map((requested) => resolveTarget(requested, allowed)));
    const segments = new Set<string>();
    for (const target of targets) for (const segment of segmentsOf(target, allowed)) segments.add(segment);
    facts.targets = targets;
    facts.pathSegments = [...segments];
    facts.irreversible = irreversible(toolName, facts.dryRun);
    return facts;
  };
}

function irreversible(toolName: string, dryRun: unknown): boolean {
  if (FILESYSTEM_READ_TOOLS.includes(toolName) || toolName === 'create_directory') return false;
  if (toolName === 'edit_file') return dryRun !== true;
  return true;
}

/** The path arguments of a call, in order; values of the wrong type are left to the policy's fact schemas. */
function pathArguments(args: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const key of ['path', 'source', 'destination']) {
    const value = args[key];
    if (typeof value === 'string') found.push(value);
  }
  if (Array.isArray(args.paths)) for (const value of args.paths) if (typeof value === 'string') found.push(value);
  return found;
}

function expandHome(requested: string): string {
  return requested === '~' || requested.startsWith('~/') ? path.join(homedir(), requested.slice(1)) : requested;
}

function within(target: string, root: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** Where the server reads or writes for a requested path (as its validatePath resolves it). */
async function resolveTarget(requested: string, roots: readonly string[]): Promise<string> {
  const expanded = expandHome(requested);
  let absolute: string;
  if (path.isAbsolute(expanded)) absolute = path.resolve(expanded);
  else absolute = roots.map((root) => path.resolve(root, expanded)).find((candidate) => roots.some((root) => within(candidate, root))) ?? path.resolve(roots[0]!, expanded);
  return realpathOfExisting(absolute);
}

/** The real path of the longest existing prefix, with the part that does not exist yet appended. */
async function realpathOfExisting(absolute: string): Promise<string> {
  const missing: string[] = [];
  let current = absolute;
  while (true) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) throw error;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

function segmentsOf(target: string, roots: readonly string[]): string[] {
  const root = roots.filter((candidate) => within(target, candidate)).sort((a, b) => b.length - a.length)[0];
  const relative = root === undefined ? target : path.relative(root, target);
  return relative
    .split(path.sep)
    .filter((segment) => segment !== '')
    .map((segment) => segment.normalize('NFC').toLowerCase());
}
