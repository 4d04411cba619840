import { describe, expect, it } from 'vitest';
import { ROUTES } from '@oversight/core';
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

// What a history record's reason, a file name or a rule id may hold: an image
// that would load in a pull-request comment, a link, cells, a code span,
// emphasis, a backslash, an entity, line breaks, a terminal command and a
// right-to-left override.
const HOSTILE = '<img src="https://example.invalid/x.png"> ![y](https://example.invalid/y.png) | col | `tick` **b** \\ &amp; \nnext\r\n\u001b[2J\u202e:';
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// Our own markup: the collapsed rule hits, and code set around text that cannot go in a code span.
const OUR_TAGS = /<details><summary>Rule hits<\/summary>|<\/details>|<\/?code>/g;
// Fields whose values are our own vocabulary, checked when the history is read.
const VOCABULARY = new Set(['route', 'recordedRoute', 'baselineRoute', 'candidateRoute', 'outcome', 'error', 'hash']);
// Maps keyed by names from input: rule ids, threshold names, other policies.
const NAMED = new Set(['ruleHits', 'thresholds', 'otherPolicies']);

/** The report with every string from input, and every name it is keyed by, made hostile. */
function hostile<T>(report: T): T {
  return JSON.parse(JSON.stringify(report), (key, value: unknown) => {
    if (typeof value === 'string') return VOCABULARY.has(key) || (ROUTES as readonly string[]).includes(value) ? value : `${HOSTILE}${value}`;
    if (NAMED.has(key) && value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [`${HOSTILE}${name}`, item]));
    return value;
  }) as T;
}

/** How many times `char` stands unescaped in a line of markdown. */
function unescaped(line: string, char: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === char) count++;
  }
  return count;
}

/** What a reader of the raw markdown or of the rendered comment could be fooled by, line by line. */
function activeMarkup(text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const found: string[] = [];
    const bare = line.replace(OUR_TAGS, '');
    if (/[<>]/.test(bare)) found.push('HTML');
    if (unescaped(line, '`') > 0) found.push('a code span');
    if (unescaped(line, '[') + unescaped(line, ']') > 0) found.push('a link or an image');
    if (RAW_CONTROL.test(line)) found.push('a control character');
    return found.map((what) => `line ${i + 1}: ${what}: ${line.slice(0, 120)}`);
  });
}

/** Each table of a markdown text as its rows' counts of cell separators. */
function tableShapes(text: string): number[][] {
  const tables: number[][] = [];
  let current: number[] | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) current = undefined;
    else {
      if (current === undefined) tables.push((current = []));
      current.push(unescaped(line, '|'));
    }
  }
  return tables;
}

describe('formatSimulationMarkdown of hostile input', () => {
  it('renders a hostile reason inert: no HTML or image, no code span, no new cell and no new line', () => {
    const report = simulationReport();
    const example = report.comparisons[0]!.escapes.examples[0]!;
    example.reason = '<img src="https://example.invalid/x.png"> | col | `rm -rf` line\nbreak';
    const row = formatSimulationMarkdown(report).split('\n').find((line) => line.includes(example.decisionId))!;
    expect(row.endsWith(' | &lt;img src="https://example.invalid/x.png"&gt; \\| col \\| \\`rm -rf\\` line break |')).toBe(true);
    expect(unescaped(row, '|')).toBe(8);
  });

  it('escapes every string that comes from input, wherever the report shows it: reasons, decision ids, files, rule ids, reviewers, thresholds, labels, budgets', () => {
    const report = simulationReport();
    report.history.invalid.count = Math.max(report.history.invalid.count, 1);
    const benign = formatSimulationMarkdown(report);
    const text = formatSimulationMarkdown(hostile(report));
    expect(activeMarkup(text)).toEqual([]);
    expect(text.split('\n')).toHaveLength(benign.split('\n').length);
    expect(tableShapes(text)).toEqual(tableShapes(benign));
    // Each kind of place that shows input showed it, escaped.
    const shown = '&lt;img src="https://example.invalid/x.png"&gt; !\\[y\\](https://example.invalid/y.png) \\| col \\| \\`tick\\` \\*\\*b\\*\\* \\\\ &amp;amp;  next \\u001b\\[2J\\u202e:';
    expect(text.split(shown).length - 1).toBeGreaterThan(20);
    expect(text).toContain(`<code>${shown}policies/support-refunds.yaml</code>`);
  });
});

describe('formatSimulationMarkdown, on what history cannot tell', () => {
  it('writes "unknown" for the hours of a role history records no turnaround for, never 0.0 h', () => {
    const row = formatSimulationMarkdown(simulationReport())
      .split('\n')
      .find((line) => line.startsWith('| finance-controller |'))!;
    expect(row).toBe('| finance-controller | 0 | 0 | unknown | unknown |');
  });

  it('lists the lines that repeat a decisionId, with the line read first, and counts them all', () => {
    const report = simulationReport();
    report.history.duplicates = {
      count: 2,
      examples: [{ source: 'b.jsonl', line: 7, decisionId: 'd-sr-0000042', first: { source: 'a.jsonl', line: 42 } }],
    };
    const text = formatSimulationMarkdown(report);
    expect(text).toContain('### Lines that repeat a decisionId (2), counted once at the first\n\n| where | decision | first read at |\n|---|---|---|\n| b.jsonl:7 | d-sr-0000042 | a.jsonl:42 |\n');
    expect(formatSimulationMarkdown(simulationReport())).not.toContain('repeat a decisionId');
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

  it('escapes the threshold names and the policy name it shows', () => {
    const report = sweepReport();
    const benign = formatSweepMarkdown(report);
    const text = formatSweepMarkdown(hostile(report));
    expect(activeMarkup(text)).toEqual([]);
    expect(text.split('\n')).toHaveLength(benign.split('\n').length);
    expect(tableShapes(text)).toEqual(tableShapes(benign));
  });
});
