import { createHash } from 'node:crypto';

/** What the next line of a log carries as `prev`: sha256 of this line's UTF-8 text, without its newline. */
export function lineHash(line: string): string {
  return 'sha256:' + createHash('sha256').update(line).digest('hex');
}
