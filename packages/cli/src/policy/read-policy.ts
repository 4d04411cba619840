import { resolve } from 'node:path';
import { compilePolicy, loadPolicy, type CompiledPolicy, type Diagnostic } from '@oversight/core';
import { describeFileError, type ReadTextFile } from '../files/file-access.js';
import { formatDiagnostics } from '../format/diagnostics.js';

export type PolicyRead =
  | { ok: true; plan: CompiledPolicy; warnings: Diagnostic[] }
  /** `report` is the text for stderr: the file problem, or one line a diagnostic. */
  | { ok: false; report: string };

/**
 * Reads, loads and compiles the policy named on the command line. Diagnostics
 * name the file as the user typed it, so `file:line:col` is clickable from
 * where they ran the command.
 */
export async function readPolicy(file: string, cwd: string, readFile: ReadTextFile): Promise<PolicyRead> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file));
  } catch (error) {
    return { ok: false, report: `error: cannot read policy file '${file}': ${describeFileError(error)}\n` };
  }
  const loaded = loadPolicy(text, file);
  if (!loaded.ok) {
    const report = formatDiagnostics(loaded.diagnostics);
    return { ok: false, report: report === '' ? `error: policy file '${file}' is not a valid policy\n` : report };
  }
  return { ok: true, plan: compilePolicy(loaded.policy), warnings: loaded.warnings };
}
