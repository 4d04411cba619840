/** The longest value a packet shows: enough for a reason or an address, short enough to scan. */
export const MAX_VALUE_LENGTH = 500;

const ELLIPSIS = '…';

/**
 * Text cut to at most `max` UTF-16 units, with `…` marking the cut. Never
 * splits a surrogate pair, so the cut cannot leave a broken character behind.
 */
export function clip(text: string, max: number = MAX_VALUE_LENGTH): string {
  if (text.length <= max) return text;
  let kept = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const last = kept.charCodeAt(kept.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) kept = kept.slice(0, -1);
  return kept + ELLIPSIS;
}
