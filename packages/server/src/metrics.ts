// The server's Prometheus metrics, in a registry of its own (never prom-client's
// global one), so two servers in one process do not clash.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Decision } from '@oversight/core';
import type { ProposalView } from '@oversight/gate';

/** Sub-millisecond to one second: a decision with its durable log write takes a fraction of a millisecond to a few. */
const DURATION_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** The metrics a server exports at /metrics. */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly decisions: Counter<'policy' | 'route' | 'rule'>;
  private readonly duration: Histogram;
  private readonly breaches: Counter<'policy'>;
  private readonly reloads: Counter<'result'>;

  /** `pending` is read at each scrape; `policies` names the enforced policies, so each has a gauge even at zero. */
  constructor(pending: () => Promise<ProposalView[]>, policies: () => readonly string[]) {
    const registers = [this.registry];
    this.decisions = new Counter({
      name: 'oversight_decisions_total',
      help: 'Decisions made, once for each rule that matched (rule="none" when none did), by policy and route.',
      labelNames: ['policy', 'route', 'rule'],
      registers,
    });
    this.duration = new Histogram({
      name: 'oversight_decision_duration_seconds',
      help: 'Time from the facts to a durable decision: evaluation and the decision log write.',
      buckets: DURATION_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'oversight_pending_reviews',
      help: 'Proposals waiting for a person, by policy.',
      labelNames: ['policy'],
      registers,
      async collect() {
        const views = await pending();
        this.reset();
        for (const policy of policies()) this.set({ policy }, 0);
        for (const view of views) this.inc({ policy: view.proposal.policy.name });
      },
    });
    this.breaches = new Counter({
      name: 'oversight_sla_breaches_total',
      help: "Reviews nobody answered within the reviewer role's SLA (expired, or escalated by timeout), by policy.",
      labelNames: ['policy'],
      registers,
    });
    this.reloads = new Counter({ name: 'oversight_policy_reloads_total', help: 'Policy reloads, by result (success or failure).', labelNames: ['result'], registers });
    // Both results are exported from the start, so a rate over them is defined before the first reload.
    this.reloads.inc({ result: 'success' }, 0);
    this.reloads.inc({ result: 'failure' }, 0);
  }

  /** Counts a decision; `seconds` times it, when it was made on its own (not as the rerouting of an edit). */
  decided(decision: Decision, seconds?: number): void {
    const { name } = decision.policy;
    if (decision.matched.length === 0) this.decisions.inc({ policy: name, route: decision.route, rule: 'none' });
    for (const rule of decision.matched) this.decisions.inc({ policy: name, route: decision.route, rule: rule.id });
    if (seconds !== undefined) this.duration.observe(seconds);
  }

  breached(views: readonly ProposalView[]): void {
    for (const view of views) this.breaches.inc({ policy: view.proposal.policy.name });
  }

  reloaded(result: 'success' | 'failure'): void {
    this.reloads.inc({ result });
  }
}
