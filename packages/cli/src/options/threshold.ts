import { InvalidArgumentError } from 'commander';
import type { Policy } from '@oversight/core';

/** One `--threshold name=value`, as typed. */
export interface ThresholdOverride {
  name: string;
  value: number;
}

const OVERRIDE = /^([A-Za-z][A-Za-z0-9_]*)=(.+)$/;

/**
 * Commander's parser for the repeatable `--threshold name=value`: collects
 * the overrides in order. The value must be a finite number; whether the
 * name exists is known only once the policy is loaded (see resolveThresholds).
 */
export function parseThresholdOption(text: string, previous: readonly ThresholdOverride[]): ThresholdOverride[] {
  const match = OVERRIDE.exec(text.trim());
  const value = match === null ? Number.NaN : Number(match[2]);
  if (match === null || !Number.isFinite(value) || match[2]?.trim() === '') {
    throw new InvalidArgumentError('Expected name=number, e.g. autoRefundMax=100.');
  }
  return [...previous, { name: match[1] ?? '', value }];
}

export type ThresholdResolution = { ok: true; thresholds: Record<string, number> } | { ok: false; message: string };

/**
 * Checks overrides against the thresholds the policy declares: an unknown name
 * or a value outside the declared min..max is a usage error, not a silent
 * no-op. A name given twice takes the last value, as flags usually do.
 */
export function resolveThresholds(overrides: readonly ThresholdOverride[], policy: Policy): ThresholdResolution {
  const declared = policy.spec.thresholds ?? {};
  const thresholds: Record<string, number> = {};
  for (const { name, value } of overrides) {
    const threshold = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (threshold === undefined) {
      const known = Object.keys(declared);
      const hint = known.length === 0 ? 'it declares no thresholds' : `it declares: ${known.join(', ')}`;
      return { ok: false, message: `unknown threshold '${name}' for policy '${policy.metadata.name}' (${hint})` };
    }
    if ((threshold.min !== undefined && value < threshold.min) || (threshold.max !== undefined && value > threshold.max)) {
      const range = `${threshold.min ?? '-Infinity'}..${threshold.max ?? 'Infinity'}`;
      return { ok: false, message: `threshold '${name}' must be within ${range}, got ${value}` };
    }
    thresholds[name] = value;
  }
  return { ok: true, thresholds };
}
