/** Why a policy was not compiled: where in the policy, and what the compiler cannot reproduce there. */
export interface SqlDiagnostic {
  path: string;
  message: string;
}

/**
 * The constructs the compiler refuses rather than approximate. Every refusal's
 * message starts with one of these, so a test can tell a documented refusal
 * from a bug hiding behind one.
 */
export const UNSUPPORTED = [
  'unsupported schema keyword',
  'unsupported schema value',
  'unsupported pattern',
  'unsupported path',
  'unsupported condition value',
  'unsupported irreversible schema',
  'unsupported text',
  'unsupported threshold',
  'unsupported column type',
  'unsupported output',
] as const;
export type Unsupported = (typeof UNSUPPORTED)[number];

/** Collects refusals while a policy compiles. */
export class Refusals {
  readonly diagnostics: SqlDiagnostic[] = [];
  refuse(path: string, kind: Unsupported, why: string): string {
    this.diagnostics.push({ path, message: `${kind}: ${why}` });
    // A placeholder keeps the expression well formed; it is never returned to a caller.
    return 'NULL';
  }
}
