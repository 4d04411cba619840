// The one-line message the queue page shows after a form post: it rides in the
// redirect's query, signed, so a link from elsewhere cannot make the desk say
// something it did not (and it is escaped when shown, like everything else).
import type { SessionSigner } from './session.js';

export type FlashKind = 'ok' | 'error';

export interface Flash {
  kind: FlashKind;
  text: string;
}

const PURPOSE = 'flash';
const MAX_FLASH_LENGTH = 1000;

/** `/?flash=…&kind=…&sig=…` */
export function flashLocation(signer: SessionSigner, flash: Flash): string {
  const text = flash.text.length > MAX_FLASH_LENGTH ? `${flash.text.slice(0, MAX_FLASH_LENGTH - 1)}…` : flash.text;
  const query = new URLSearchParams({ flash: text, kind: flash.kind, sig: signer.sign(PURPOSE, `${flash.kind}\n${text}`) });
  return `/?${query.toString()}`;
}

export function readFlash(signer: SessionSigner, query: URLSearchParams): Flash | undefined {
  const text = query.get('flash');
  const kind = query.get('kind');
  if (text === null || (kind !== 'ok' && kind !== 'error')) return undefined;
  return signer.verifySignature(PURPOSE, `${kind}\n${text}`, query.get('sig')) ? { kind, text } : undefined;
}
