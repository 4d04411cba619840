/**
 * Whether a backtracking engine runs `pattern` in time linear in the value:
 * anchored at the start (one starting position), no groups, alternation,
 * backreferences or lookaround, and at most one atom of variable length
 * (`[0-9]{6,10}`, `\d+`). The one variable atom is tried at each of at most n
 * lengths, each followed by a fixed-length rest, so the work is n times the
 * pattern's length. ID patterns (`^ORD-[0-9]{6,10}$`, `^[A-Z]{2}$`) have this
 * shape, and the native engine runs them several times faster than RE2 in
 * JavaScript; everything else goes to RE2. Escapes other than the common
 * classes and escaped punctuation are left to RE2 too, to keep the proof short.
 */
export function isAnchoredSimplePattern(pattern: string): boolean {
  if (!pattern.startsWith('^')) return false;
  let variable = 0;
  let i = 1;
  while (i < pattern.length) {
    const char = pattern[i]!;
    if (char === '$' && i === pattern.length - 1) return true;
    const atomEnd = endOfAtom(pattern, i);
    if (atomEnd === undefined) return false;
    const quantifier = readQuantifier(pattern, atomEnd);
    if (quantifier === undefined) return false;
    if (quantifier.variable && ++variable > 1) return false;
    i = quantifier.end;
  }
  return true;
}

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
const SPECIAL = new Set(['(', ')', '|', '^', '$', '*', '+', '?', '{', '}', '[', ']', '\\']);

// The index after the atom starting at `i`: a literal, `.`, a class escape, escaped punctuation or a [class].
function endOfAtom(pattern: string, i: number): number | undefined {
  const char = pattern[i]!;
  if (char === '\\') {
    const next = pattern[i + 1];
    if (next === undefined) return undefined;
    return CLASS_ESCAPES.has(next) || /[^\w\s]/.test(next) ? i + 2 : undefined;
  }
  if (char === '[') {
    // [] and [^] are JavaScript's own (match nothing, match anything): left to the translation for RE2.
    if (pattern[i + 1] === ']' || pattern.startsWith('^]', i + 1)) return undefined;
    for (let j = i + 1; j < pattern.length; j++) {
      const inner = pattern[j]!;
      if (inner === '\\') {
        const next = pattern[j + 1];
        if (next === undefined || !(CLASS_ESCAPES.has(next) || /[^\w\s]/.test(next))) return undefined;
        j++;
      } else if (inner === '[') {
        return undefined;
      } else if (inner === ']' && j > i + 1) {
        return j + 1;
      }
    }
    return undefined;
  }
  return SPECIAL.has(char) ? undefined : i + 1;
}

// The quantifier after an atom, if any; `variable` when it allows more than one count.
function readQuantifier(pattern: string, i: number): { end: number; variable: boolean } | undefined {
  const char = pattern[i];
  let end = i;
  let variable = false;
  if (char === '*' || char === '+' || char === '?') {
    end = i + 1;
    variable = true;
  } else if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
    if (match === null) return undefined;
    end = i + match[0].length;
    variable = match[2] !== undefined && match[3] !== match[1];
  }
  // A lazy quantifier tries the same counts in another order.
  if (end > i && pattern[end] === '?') end++;
  return { end, variable };
}
