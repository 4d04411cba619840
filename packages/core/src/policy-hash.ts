import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import type { Policy } from './types.js';

/**
 * The content hash of a policy: sha-256 of its canonical JSON (keys sorted), so
 * reformatting the YAML, reordering keys or editing comments does not change it.
 */
export function policyHash(policy: Policy): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(policy)).digest('hex');
}

/** JSON with object keys sorted at every depth: equal content, equal text. */
export function canonicalJson(value: unknown): string {
  return stringify(value) ?? 'null';
}
