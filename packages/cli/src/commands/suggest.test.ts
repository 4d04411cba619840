import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, loadPolicy, type HistoryRecord } from '@oversight/core';
import type { SuggestionReport } from '@oversight/simulator';
import { runOversight as oversight } from '../../test/memory-io.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

// Store credit that can be clawed back (irreversible: false), with comments a
// platform team would write: --write must keep them.
const CREDITS = `# yaml-language-server: $schema=../schemas/policy.schema.json
apiVersion: oversight/v1
kind: RoutingPolicy
metadata:
  name: goodwill-credits
  version: 3              # bumped on each change
  owner: customer-support-operations
  reviewBy: 2027-06-30
spec:
  default: approve_before
  onError: escalate
  reviewer: support-lead  # owns the default and onError
  facts:
    amount: { type: number, exclusiveMinimum: 0, maximum: 1000 }
    confidence: { type: number, minimum: 0, maximum: 1 }
    irreversible: { type: boolean }
  thresholds:
    autoCreditMax:
      value: 20           # below this a review costs more than the credit
      min: 0
      max: 100
    minConfidence: { value: 0.8, min: 0.5, max: 1 }
  reviewers:
    support-lead: { sla: 4h }
  rules:
    - id: small-confident-credit
      description: A small, confident store credit runs alone; it can be clawed back.
      when:
        all:
          - { fact: amount, operator: lessThanInclusive, value: { threshold: autoCreditMax } }
          - { fact: confidence, operator: greaterThanInclusive, value: { threshold: minConfidence } }
      route: auto
  packet:
    summary: "store credit of {{amount}}"
    context: [confidence]
    impact: [amount]
`;

/**
 * 3,000 credits from 1 to 100: leads approved every one up to 45 unchanged and
 * rejected a third of those above 60 (a different kind of claim), so raising
 * the limit is safe up to 45 and escapes beyond 60.
 */
function creditsHistory(): string {
  const loaded = loadPolicy(CREDITS, 'goodwill-credits.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const plan = compilePolicy(loaded.policy);
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const facts = { amount: (i % 100) + 1, confidence: 0.9, irreversible: false };
    const route = evaluate(plan, facts).route;
    const rejected = facts.amount > 60 && i % 3 === 0;
    const record: HistoryRecord = {
      decisionId: `gc-${String(i + 1).padStart(6, '0')}`,
      at: new Date(Date.parse('2026-10-01T08:00:00Z') + i * 600_000).toISOString(),
      policy: { name: plan.name, version: plan.version, hash: plan.hash },
      facts,
      route,
      rules: route === 'auto' ? ['small-confident-credit'] : [],
      ...(route !== 'auto' && { outcome: { decision: rejected ? 'rejected' : 'approved', reviewer: 'support-lead', reviewerId: 'ana@example.com', turnaroundSeconds: 900, ...(rejected && { reason: 'not a goodwill case' }) } }),
    };
    lines.push(JSON.stringify(record));
  }
  return lines.join('\n') + '\n';
}

describe('oversight suggest', () => {
  it('suggests no loosening on the shipped refunds: every one would let irreversible refunds run alone, and says so', async () => {
    const result = await oversight(ROOT, 'suggest', '--policy', 'policies/support-refunds.yaml', '--history', 'policies/history/support-refunds.history.jsonl', '--format', 'json');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as SuggestionReport;
    expect(report.suggestions.filter((suggestion) => suggestion.direction === 'loosen')).toEqual([]);
    expect(report.refused.find((move) => move.threshold === 'autoRefundMax')).toMatchObject({ cause: 'irreversible', direction: 'loosen' });
  });

  it('--write applies the loosening the evidence supports: only the value and the version change, the policy lints clean and stays within budget on the same history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-suggest-'));
    writeFileSync(join(dir, 'goodwill-credits.yaml'), CREDITS);
    copyFileSync(join(dir, 'goodwill-credits.yaml'), join(dir, 'before.yaml'));
    writeFileSync(join(dir, 'credits.history.jsonl'), creditsHistory());

    const result = await oversight(dir, 'suggest', '--policy', 'goodwill-credits.yaml', '--history', 'credits.history.jsonl', '--write', '--pick', 'autoCreditMax');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('loosen 20 → ');
    expect(result.stderr).toMatch(/wrote goodwill-credits\.yaml: autoCreditMax 20 → (\d+(\.\d+)?) \(loosen\), metadata\.version 3 → 4/);
    const to = Number(/autoCreditMax 20 → (\d+(?:\.\d+)?)/.exec(result.stderr)![1]);
    expect(to).toBeGreaterThan(20);
    expect(to).toBeLessThanOrEqual(60);

    const before = CREDITS.split('\n');
    const after = readFileSync(join(dir, 'goodwill-credits.yaml'), 'utf8').split('\n');
    const changed = before.flatMap((line, i) => (line === after[i] ? [] : [[line, after[i]]]));
    expect(changed).toEqual([
      ['  version: 3              # bumped on each change', '  version: 4              # bumped on each change'],
      ['      value: 20           # below this a review costs more than the credit', `      value: ${to}           # below this a review costs more than the credit`],
    ]);

    const lint = await oversight(dir, 'lint', 'goodwill-credits.yaml', '--now', '2026-12-02', '--format', 'json');
    expect(JSON.parse(lint.stdout)).toMatchObject({ errors: 0 });
    expect(lint.exitCode).toBe(0);

    const simulated = await oversight(dir, 'simulate', '--baseline', 'before.yaml', '--candidate', 'goodwill-credits.yaml', '--history', 'credits.history.jsonl', '--max-escapes', '0.5%');
    expect(simulated.stderr).toBe('');
    expect(simulated.exitCode).toBe(0);
  });

  it('--write with nothing to write leaves the policy as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-suggest-'));
    copyFileSync(join(ROOT, 'policies/support-refunds.yaml'), join(dir, 'support-refunds.yaml'));
    copyFileSync(join(ROOT, 'policies/history/support-refunds.history.jsonl'), join(dir, 'history.jsonl'));
    const result = await oversight(dir, 'suggest', '--policy', 'support-refunds.yaml', '--history', 'history.jsonl', '--threshold', 'autoRefundMax', '--write');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('no suggestion to write; the policy is unchanged');
    expect(readFileSync(join(dir, 'support-refunds.yaml'), 'utf8')).toBe(readFileSync(join(ROOT, 'policies/support-refunds.yaml'), 'utf8'));
  });

  it('refuses --pick without --write, and an unknown threshold, as usage errors', async () => {
    const pick = await oversight(ROOT, 'suggest', '--policy', 'policies/support-refunds.yaml', '--history', 'policies/history/', '--pick', 'autoRefundMax');
    expect(pick.exitCode).toBe(2);
    const unknown = await oversight(ROOT, 'suggest', '--policy', 'policies/support-refunds.yaml', '--history', 'policies/history/support-refunds.history.jsonl', '--threshold', 'autoRefundMx');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('autoRefundMx');
  });
});
