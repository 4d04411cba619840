// `oversight prove --format json`: every claim's answer and all its regions, for a program.
import type { ClaimRegion, ClaimResult } from '@oversight/analysis';

const plain = ({ where, example, note }: ClaimRegion) => ({ where, ...(example === undefined ? {} : { example }), ...(note === '' ? {} : { note }) });

export function formatProveJson(results: readonly ClaimResult[], labels: { policy: string; claims: string }): string {
  const report = {
    policy: labels.policy,
    claims: labels.claims,
    holds: results.every((result) => result.holds && result.unknown.length === 0),
    results: results.map((result) => ({
      name: result.name,
      kind: result.kind,
      holds: result.holds,
      failures: result.failures.map(plain),
      stated: result.stated.map(plain),
      unknown: result.unknown.map(plain),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
