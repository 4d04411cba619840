import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReviewReport } from '@oversight/simulator';
import { runOversight as oversight } from '../../test/memory-io.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

describe('oversight report', () => {
  it('names the rubber-stamping lead in the shipped support-refunds history, with the figures behind it', async () => {
    const result = await oversight(ROOT, 'report', '--history', 'policies/history/support-refunds.history.jsonl', '--policy', 'policies/support-refunds.yaml', '--by', 'reviewer');
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toContain('| rui@support.example | `support-lead` | fast, approves-all | 1,589 | 100.0% (1,589 of 1,589) |');
    expect(result.stdout).toContain('### By reviewer');
  });

  it('names the ceremonial checkpoint of the shipped sales-outreach history, in JSON with every group', async () => {
    const result = await oversight(ROOT, 'report', '--history', 'policies/history/', '--policy', 'policies/sales-outreach.yaml', '--format', 'json');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as ReviewReport;
    expect(report.ceremonial.rules.map((rule) => rule.rule)).toEqual(['high-value-account']);
    // Records of the other policies in the folder are counted apart, not mixed in.
    expect(Object.keys(report.history.otherPolicies).sort()).toEqual(['back-office-forms', 'internal-reporting', 'support-refunds']);
    expect(report.history.records).toBe(4000);
  });

  it('restricts to a period, and says so when it holds no records (exit 1)', async () => {
    const inOctober = await oversight(ROOT, 'report', '--history', 'policies/history/sales-outreach.history.jsonl', '--since', '2026-10-25', '--format', 'json');
    const report = JSON.parse(inOctober.stdout) as ReviewReport;
    expect(report.history.records).toBeGreaterThan(0);
    expect(report.history.outsidePeriod.before).toBeGreaterThan(0);
    expect(report.history.period.first! >= '2026-10-25').toBe(true);

    const none = await oversight(ROOT, 'report', '--history', 'policies/history/sales-outreach.history.jsonl', '--since', '2027-01-01');
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toContain('no records in the period');
  });

  it('refuses a date that is not one, before reading anything (exit 2)', async () => {
    const result = await oversight(ROOT, 'report', '--history', 'policies/history/', '--since', 'last month');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/since/);
  });

  it('writes a self-contained HTML page with the trends drawn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-report-'));
    const result = await oversight(ROOT, 'report', '--history', 'policies/history/support-refunds.history.jsonl', '--policy', 'policies/support-refunds.yaml', '--format', 'html', '--out', join(dir, 'review.html'));
    expect(result).toMatchObject({ exitCode: 0, stdout: '' });
  });

  it('counts event lines of a decision log apart and reports an unreadable line with its number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-report-'));
    writeFileSync(
      join(dir, 'log.jsonl'),
      [
        '{"decisionId":"d-1","at":"2026-11-02T10:00:00Z","policy":{"name":"support-refunds","version":4},"facts":{"amount":20},"route":"auto","rules":["small-confident-refund"],"prev":null}',
        '{"event":"warned","decisionId":"d-2","at":"2026-11-02T10:00:00Z","deadline":"2026-11-02T14:00:00Z"}',
        'not json',
        '{"decisionId":"d-3","at":"2026-11-02T11:00:00Z","policy":{"name":"support-refunds","version":4},"facts":{"amount":120},"route":"approve_before","rules":["refund-needs-approval"],"outcome":{"decision":"approved","reviewer":"support-lead","reviewerId":"ana@support.example","turnaroundSeconds":600}}',
      ].join('\n') + '\n',
    );
    const result = await oversight(dir, 'report', '--history', 'log.jsonl', '--format', 'json');
    const report = JSON.parse(result.stdout) as ReviewReport;
    expect(report.history).toMatchObject({ records: 2, logEvents: 1, invalid: { count: 1, examples: [{ source: 'log.jsonl', line: 3 }] } });
  });
});
