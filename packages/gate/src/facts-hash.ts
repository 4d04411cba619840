import { createHash } from 'node:crypto';
import { canonicalJson } from '@oversight/core';

/** sha256 of the canonical facts (keys sorted): what an approval is bound to. */
export function factsHash(facts: Record<string, unknown>): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(facts)).digest('hex');
}
