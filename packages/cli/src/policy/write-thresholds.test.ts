import { readFileSync } from 'node:fs';
import { loadPolicy } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { ThresholdWriteError, writeThresholds } from './write-thresholds.js';

const FILE = 'policies/support-refunds.yaml';
const TEXT = readFileSync(new URL(`../../../../${FILE}`, import.meta.url), 'utf8');

/** The lines that differ, as [line number, before, after]: the edit never adds or removes a line. */
function changedLines(before: string, after: string): [number, string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i): [number, string, string][] => (line === b[i] ? [] : [[i + 1, line, b[i]!]]));
}

/** The 1-based number of the line of the shipped policy that is exactly `text`. */
function lineOf(text: string): number {
  const index = TEXT.split('\n').indexOf(text);
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

function load(text: string) {
  const loaded = loadPolicy(text, FILE);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.policy;
}

describe('writeThresholds', () => {
  it('changes only the threshold value lines and the version line of the shipped policy', () => {
    const written = writeThresholds(TEXT, { autoRefundMax: 40, minConfidence: 0.925 }, FILE);
    expect(changedLines(TEXT, written)).toEqual([
      [lineOf('  version: 4'), '  version: 4', '  version: 5'],
      [lineOf('    autoRefundMax:') + 1, '      value: 50', '      value: 40'],
      [lineOf('    minConfidence:') + 1, '      value: 0.9', '      value: 0.925'],
    ]);
    const policy = load(written);
    expect(policy.metadata.version).toBe(5);
    expect(policy.spec.thresholds).toMatchObject({ autoRefundMax: { value: 40, min: 0, max: 200 }, minConfidence: { value: 0.925 }, managerApprovalMin: { value: 500 } });
    // Every comment survives, word for word.
    const comments = (text: string) => text.split('\n').filter((line) => line.includes('#'));
    expect(comments(written)).toEqual(comments(TEXT));
  });

  it('keeps a comment on the value line, and edits values in flow mappings in place', () => {
    const text = TEXT.replace('  version: 4', '  version: 4   # bumped by hand').replace(
      / {4}maxRecentClaims:\n {6}value: 2\n {6}min: 0\n {6}max: 10\n {6}description: .*\n/,
      '    maxRecentClaims: { value: 2, min: 0, max: 10 }   # fraud team\n',
    );
    expect(text).toContain('{ value: 2, min: 0, max: 10 }');
    const written = writeThresholds(text, { maxRecentClaims: 3 }, FILE);
    expect(changedLines(text, written).map(([, , after]) => after)).toEqual(['  version: 5   # bumped by hand', '    maxRecentClaims: { value: 3, min: 0, max: 10 }   # fraud team']);
    expect(load(written).spec.thresholds?.maxRecentClaims?.value).toBe(3);
  });

  it('returns the text unchanged, version included, when no value changes', () => {
    expect(writeThresholds(TEXT, {}, FILE)).toBe(TEXT);
    expect(writeThresholds(TEXT, { autoRefundMax: 50 }, FILE)).toBe(TEXT);
  });

  it('refuses a value outside the declared min..max, naming the range, and writes nothing', () => {
    expect(() => writeThresholds(TEXT, { autoRefundMax: 40, minConfidence: 1.5 }, FILE)).toThrow(
      new ThresholdWriteError("threshold 'minConfidence' must stay within 0.5..1 (its declared min and max): 1.5 is outside"),
    );
    expect(() => writeThresholds(TEXT, { autoRefundMax: -1 }, FILE)).toThrow(/'autoRefundMax' must stay within 0\.\.200/);
    expect(() => writeThresholds(TEXT, { autoRefundMax: Number.NaN }, FILE)).toThrow(/must be a finite number/);
  });

  it('refuses a threshold the policy does not declare', () => {
    expect(() => writeThresholds(TEXT, { autoRefundMx: 40 }, FILE)).toThrow(
      new ThresholdWriteError("policy 'support-refunds' has no threshold 'autoRefundMx' (it has: autoRefundMax, managerApprovalMin, refundHardCap, minConfidence, maxRecentClaims)"),
    );
    expect(() => writeThresholds(TEXT, { constructor: 40 }, FILE)).toThrow(/has no threshold 'constructor'/);
  });

  it('refuses a policy that does not load, and a value it cannot edit in place', () => {
    expect(() => writeThresholds(TEXT.replace('  version: 4', '  version: four'), { autoRefundMax: 40 }, FILE)).toThrow(/is not a valid policy/);
    const anchored = TEXT.replace('      value: 50\n', '      value: &cap 50\n');
    expect(() => writeThresholds(anchored, { autoRefundMax: 40 }, FILE)).toThrow(/spec\.thresholds\.autoRefundMax\.value carries the anchor &cap/);
  });
});
