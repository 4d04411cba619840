/**
 * Colons whose previous character, whitespace aside, is a quote. In valid
 * JSON every key is followed by such a colon, so the count is never below the
 * number of keys in the text: that bound is all parseJson relies on. The
 * other colons counted are inside strings (`":"`, `"a\": b"`): rare, and
 * they only send a text to the exact scan. Jumps from colon to colon with
 * indexOf: a record has a few dozen, and the text between is never looked at.
 */
export function countKeyColons(text: string): number {
  let count = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    let before = colon - 1;
    let c = text.charCodeAt(before);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(--before);
    if (c === 0x22) count++;
  }
  return count;
}
