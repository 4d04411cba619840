import { resolve } from 'node:path';
import { compilePolicy, loadPolicy, type CompiledPolicy, type Diagnostic } from '@oversight/core';
import { describeFileError, type ReadTextFile } from '../files/file-access.js';
import { formatDiagnostics } from '../format/diagnostics.js';

/** `main:policies/x.yaml`: a revision and a path in it (a Windows drive letter is not a revision). */
const GIT_REF = /^([^:]{2,}):(.+)$/;

/** Reads a file as of a git revision; `cwd` is inside the repository. */
export type GitShow = (revision: string, path: string, cwd: string) => Promise<{ ok: true; text: string } | { ok: false; message: string }>;

export type PolicyRead =
  | { ok: true; plan: CompiledPolicy; warnings: Diagnostic[] }
  /** `report` is the text for stderr: the file problem, or one line a diagnostic. */
  | { ok: false; report: string };

/**
 * Reads, loads and compiles the policy named on the command line: a file, or
 * with `gitShow`, `revision:path` when no such file exists. Diagnostics
 * name the file as the user typed it, so `file:line:col` is clickable from
 * where they ran the command.
 */
export async function readPolicy(file: string, cwd: string, readFile: ReadTextFile, gitShow?: GitShow): Promise<PolicyRead> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file));
  } catch (error) {
    const ref = gitShow === undefined || (error as NodeJS.ErrnoException).code !== 'ENOENT' ? null : GIT_REF.exec(file);
    if (ref === null) return { ok: false, report: `error: cannot read policy file '${file}': ${describeFileError(error)}\n` };
    const shown = await gitShow!(ref[1]!, ref[2]!, cwd);
    if (!shown.ok) return { ok: false, report: `error: cannot read policy '${file}' from git: ${shown.message}\n` };
    text = shown.text;
  }
  const loaded = loadPolicy(text, file);
  if (!loaded.ok) {
    const report = formatDiagnostics(loaded.diagnostics);
    return { ok: false, report: report === '' ? `error: policy file '${file}' is not a valid policy\n` : report };
  }
  return { ok: true, plan: compilePolicy(loaded.policy), warnings: loaded.warnings };
}
