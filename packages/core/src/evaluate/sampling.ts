/**
 * Whether an automatic decision goes to QA review: a deterministic hash of
 * (policy hash, decision key) under the sampling rate, so a replay of history
 * samples exactly the decisions that were sampled. FNV-1a, not a cryptographic
 * hash: it runs on the hot path and only needs to spread keys evenly.
 */
export function isSampled(seed: number, decisionKey: string, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  let hash = fnv1a(seed, decisionKey);
  // One more avalanche round so keys differing in the last character spread out.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) / 0x1_0000_0000 < rate;
}

/** The hash state after the policy hash: computed once per plan, continued per decision key. */
export function samplingSeed(policyHash: string): number {
  return fnv1a(0x811c9dc5, policyHash + '\u0000');
}

function fnv1a(start: number, text: string): number {
  let hash = start;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}
