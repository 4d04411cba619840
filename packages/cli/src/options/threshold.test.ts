import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Policy } from '@oversight/core';
import { parseThresholdOption, resolveThresholds } from './threshold.js';

const policy: Policy = {
  apiVersion: 'oversight/v1',
  kind: 'RoutingPolicy',
  metadata: { name: 'support-refunds', version: 3, owner: 'support-operations' },
  spec: {
    facts: { amount: { type: 'number' } },
    thresholds: { autoRefundMax: { value: 50, min: 0, max: 500 }, minConfidence: { value: 0.8, min: 0, max: 1 } },
    rules: [],
  },
};

describe('parseThresholdOption', () => {
  it('collects repeated overrides in the order given', () => {
    const first = parseThresholdOption('autoRefundMax=100', []);
    expect(parseThresholdOption('minConfidence=0.9', first)).toEqual([
      { name: 'autoRefundMax', value: 100 },
      { name: 'minConfidence', value: 0.9 },
    ]);
  });

  it('accepts negative, decimal and exponent numbers', () => {
    expect(parseThresholdOption('x=-1.5e2', [])).toEqual([{ name: 'x', value: -150 }]);
  });

  it.each(['autoRefundMax', 'autoRefundMax=', 'autoRefundMax=lots', '=100', 'auto refund=1', 'x=Infinity', 'x=NaN'])(
    'rejects %j: it must be name=number',
    (text) => {
      expect(() => parseThresholdOption(text, [])).toThrow(InvalidArgumentError);
    },
  );

  it('does not change the list it was given', () => {
    const previous = [{ name: 'a', value: 1 }];
    parseThresholdOption('b=2', previous);
    expect(previous).toEqual([{ name: 'a', value: 1 }]);
  });
});

describe('resolveThresholds', () => {
  it('returns the overrides by name, the last one winning', () => {
    const overrides = [
      { name: 'autoRefundMax', value: 100 },
      { name: 'autoRefundMax', value: 120 },
    ];
    expect(resolveThresholds(overrides, policy)).toEqual({ ok: true, thresholds: { autoRefundMax: 120 } });
  });

  it('names the policy and its declared thresholds when a name is unknown', () => {
    const result = resolveThresholds([{ name: 'autoRefundMx', value: 100 }], policy);
    expect(result).toEqual({
      ok: false,
      message: "unknown threshold 'autoRefundMx' for policy 'support-refunds' (it declares: autoRefundMax, minConfidence)",
    });
  });

  it('rejects a value outside the range the policy declares', () => {
    expect(resolveThresholds([{ name: 'minConfidence', value: 1.5 }], policy)).toEqual({
      ok: false,
      message: "threshold 'minConfidence' must be within 0..1, got 1.5",
    });
  });

  it('does not mistake an Object.prototype member for a threshold', () => {
    expect(resolveThresholds([{ name: 'constructor', value: 1 }], policy).ok).toBe(false);
  });

  it('says so when the policy declares no thresholds at all', () => {
    const bare: Policy = { ...policy, spec: { ...policy.spec, thresholds: undefined } };
    expect(resolveThresholds([{ name: 'x', value: 1 }], bare)).toMatchObject({ ok: false, message: expect.stringContaining('it declares no thresholds') as unknown });
  });
});
