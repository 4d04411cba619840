// The policies a server enforces, and their reload: all files load and the
// gate takes the set, or nothing changes and the diagnostics are logged.
// Reloads run one at a time, in the order asked.
import type { CompiledPolicy, Diagnostic } from '@oversight/core';
import { GateError, type Gate } from '@oversight/gate';
import type { ServerMetrics } from '../metrics.js';
import type { PolicySummary, ReloadResult } from '../options.js';
import type { ServerLog } from '../server-log.js';
import { fileDiagnostic, formatDiagnostics, loadPolicySet, type LoadedPolicy } from './load-policies.js';

/** The enforced policy set, swapped whole on reload. */
export class EnforcedPolicies {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private current: readonly LoadedPolicy[],
    private readonly gate: Gate,
    private readonly metrics: ServerMetrics,
    private readonly log: ServerLog,
  ) {}

  compiled(): CompiledPolicy[] {
    return this.current.map((loaded) => loaded.compiled);
  }

  reload(): Promise<ReloadResult> {
    const run = this.queue.then(() => this.reloadNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for the reloads asked for so far. */
  async settled(): Promise<void> {
    await this.queue;
  }

  private async reloadNow(): Promise<ReloadResult> {
    const loaded = await loadPolicySet(this.path);
    if (!loaded.ok) return this.refuse(loaded.diagnostics);
    try {
      this.gate.replacePolicies(loaded.policies.map((policy) => policy.compiled));
    } catch (error) {
      if (!(error instanceof GateError)) throw error;
      return this.refuse([fileDiagnostic(this.path, `gate-${error.code}`, error.message)]);
    }
    this.current = loaded.policies;
    this.metrics.reloaded('success');
    this.log.info(`policies reloaded: ${describe(this.current)}`);
    return { ok: true, policies: summaries(this.current) };
  }

  private refuse(diagnostics: Diagnostic[]): ReloadResult {
    this.metrics.reloaded('failure');
    this.log.error(`policy reload failed; still enforcing ${describe(this.current)}`);
    for (const line of formatDiagnostics(diagnostics).split('\n')) this.log.error(line);
    return { ok: false, diagnostics };
  }
}

/** Name, version, hash and file of each policy. */
export function summaries(policies: readonly LoadedPolicy[]): PolicySummary[] {
  return policies.map(({ file, compiled }) => ({ name: compiled.name, version: compiled.version, hash: compiled.hash, file }));
}

function describe(policies: readonly LoadedPolicy[]): string {
  return policies.map(({ compiled }) => `${compiled.name} v${compiled.version} (${compiled.hash.slice(0, 19)})`).join(', ');
}
