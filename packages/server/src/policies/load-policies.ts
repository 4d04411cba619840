// Reads the policies a server enforces: one file, or every *.yaml/*.yml under
// a directory (cases files aside). All or nothing: one file that does not
// load fails the set, so a reload never enforces half a change.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { compilePolicy, loadPolicy, type CompiledPolicy, type Diagnostic } from '@oversight/core';

export interface LoadedPolicy {
  file: string;
  compiled: CompiledPolicy;
}

export type PolicySetResult = { ok: true; policies: LoadedPolicy[] } | { ok: false; diagnostics: Diagnostic[] };

const POLICY_FILE = /\.ya?ml$/;
/** Test cases and claims beside a policy (`<name>.cases.yaml`, `<name>.claims.yaml`) are not policies. */
const COMPANION_FILE = /\.(cases|claims)\.ya?ml$/;

/** Loads and compiles every policy under `path`: all of them, or the diagnostics of those that failed. */
export async function loadPolicySet(path: string): Promise<PolicySetResult> {
  let files: string[];
  try {
    files = (await stat(path)).isDirectory() ? await policyFiles(path) : [path];
  } catch (error) {
    return { ok: false, diagnostics: [fileDiagnostic(path, 'unreadable', `cannot read ${path}: ${(error as Error).message}`)] };
  }
  if (files.length === 0) return { ok: false, diagnostics: [fileDiagnostic(path, 'no-policies', `no policy files (*.yaml, *.yml) under ${path}`)] };
  const diagnostics: Diagnostic[] = [];
  const policies: LoadedPolicy[] = [];
  const byName = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      diagnostics.push(fileDiagnostic(file, 'unreadable', `cannot read the policy file: ${(error as Error).message}`));
      continue;
    }
    const loaded = loadPolicy(text, file);
    if (!loaded.ok) {
      diagnostics.push(...loaded.diagnostics);
      continue;
    }
    const { name } = loaded.policy.metadata;
    const earlier = byName.get(name);
    if (earlier !== undefined) {
      diagnostics.push(fileDiagnostic(file, 'duplicate-policy-name', `${earlier} already defines a policy named ${name}; each policy a server enforces has its own metadata.name`));
      continue;
    }
    byName.set(name, file);
    policies.push({ file, compiled: compilePolicy(loaded.policy) });
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, policies };
}

/** `file:line:col  message  (ruleId)`, one line a diagnostic, as the CLI prints them. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column}  ${d.message}  (${d.ruleId})`).join('\n');
}

/** A diagnostic about a whole file (unreadable, a duplicate name), pointing at its start. */
export function fileDiagnostic(file: string, ruleId: string, message: string): Diagnostic {
  return { ruleId, severity: 'error', message, file, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
}

/** Policy files under `dir`, recursively, in a stable order; hidden entries and node_modules are skipped. */
async function policyFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await policyFiles(path)));
    else if (entry.isFile() && POLICY_FILE.test(entry.name) && !COMPANION_FILE.test(basename(path))) found.push(path);
  }
  return found.sort();
}
