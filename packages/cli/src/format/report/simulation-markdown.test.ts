import { describe, expect, it } from 'vitest';
import { loadSimulationReport as simulationReport, loadSweepReport as sweepReport } from '../../../test/report-fixtures.js';
import { formatSimulationMarkdown } from './simulation-markdown.js';
import { formatSweepMarkdown } from './sweep-text.js';

describe('formatSimulationMarkdown', () => {
  it('puts the verdict first, with every breach named, then a headline per candidate', () => {
    const report = simulationReport();
    const lines = formatSimulationMarkdown(report).split('\n');
    expect(lines[0]).toBe('## Oversight simulation: ❌ budget breached');
    const breaches = lines.filter((line) => line.startsWith('- ❌ '));
    expect(breaches).toHaveLength(report.verdict.breaches.length);
    expect(breaches[0]).toContain(`**${report.verdict.breaches[0]!.budget}**`);
    expect(lines.filter((line) => line.startsWith('- **`'))).toHaveLength(report.comparisons.length);
  });

  it('keeps a table whole when a reason holds a pipe or a newline', () => {
    const report = simulationReport();
    const example = report.comparisons[0]!.escapes.examples[0]!;
    example.reason = 'refund | replace\nboth';
    const text = formatSimulationMarkdown(report);
    const row = text.split('\n').find((line) => line.includes(example.decisionId))!;
    expect(row).toContain('refund \\| replace both');
    expect(row.split(/(?<!\\)\|/).length).toBe(9);
  });

  it('never rounds a baseline that missed records up to 100%, and prints rates as the HTML page does', () => {
    const report = simulationReport();
    Object.assign(report.fidelity, { reproduced: 99_997, of: 100_000, rate: 0.99997 });
    const escapes = report.comparisons[0]!.escapes;
    escapes.rate = 0.0054;
    const text = formatSimulationMarkdown(report);
    expect(text).toContain('reproduces 99,997 of 100,000 recorded routes (99.99%)');
    expect(text).toContain(`- Escapes: ${escapes.count.toLocaleString('en-US')} (0.54% of replayed records;`);
  });
});

describe('formatSweepMarkdown', () => {
  it('prints one row a point with the Pareto front and the current values marked', () => {
    const report = sweepReport();
    const rows = formatSweepMarkdown(report).split('\n').filter((line) => /^\| \d/.test(line));
    expect(rows).toHaveLength(report.points.length);
    expect(rows.filter((row) => row.includes('◆ pareto'))).toHaveLength(report.points.filter((point) => point.pareto).length);
    expect(rows.filter((row) => row.includes('← current'))).toHaveLength(1);
  });
});
