import { RE2JS, RE2JSSyntaxException } from 're2js';
import { isAnchoredSimplePattern } from './anchored-pattern.js';

/**
 * Thrown while a fact schema compiles when one of its patterns uses what RE2
 * cannot run: the loader turns it into an `unsupported-pattern` diagnostic.
 */
export class UnsupportedPatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly feature: string,
    advice: string,
  ) {
    super(`pattern '${pattern}' uses ${feature}, which the linear-time engine does not support: ${advice}`);
    this.name = 'UnsupportedPatternError';
  }
}

/** What ajv calls for `pattern`, `patternProperties` and `propertyNames`: `.test(value)` is an unanchored search. */
export interface LinearPattern {
  test(input: string): boolean;
  /** The ECMA pattern: ajv keys the patterns of an instance by it. */
  toString(): string;
}

/**
 * ajv's `code.regExp` engine for fact schemas: every schema pattern runs on
 * RE2 (re2js, pure JavaScript), so its time is linear in the value's length
 * whatever the pattern says (a backtracking engine takes 15 seconds on 29
 * characters against `^(a|a)*$`, and doubles with each one more). Patterns keep their ECMA-262 meaning (JSON Schema's,
 * with the `u` flag ajv passes): each is checked with the native parser (which
 * compiles, never runs it), then translated where the two syntaxes or meanings
 * differ (`.`, `\s`, `\u`, `[^]`, group names, property names). What RE2
 * cannot run (lookaround, backreferences) throws UnsupportedPatternError.
 */
export const linearRegExp = Object.assign(
  (pattern: string, flags: string): LinearPattern => {
    if (flags !== 'u') throw new Error(`linearRegExp: fact schemas are compiled with unicodeRegExp, so the flags are 'u', not '${flags}'`);
    // A SyntaxError here is the one ajv's default engine throws, in the same words.
    const native = new RegExp(pattern, 'u');
    const { source, exact } = translatePattern(pattern);
    let re2: RE2JS;
    try {
      re2 = RE2JS.compile(source);
    } catch (error) {
      if (!(error instanceof RE2JSSyntaxException)) throw error;
      throw refusal(pattern, error);
    }
    // RE2 compiled it, so what is refused does not depend on the engine that then runs it.
    if (isAnchoredSimplePattern(pattern)) return { test: (input) => native.test(input), toString: () => pattern };
    return exact
      ? { test: (input) => re2.testExact(input), toString: () => pattern }
      : { test: (input) => re2.test(input), toString: () => pattern };
  },
  // Only for ajv's standalone code, which Oversight never generates: there this
  // name would have to be in scope.
  { code: 'linearRegExp' },
);

/** Why a pattern cannot run on the linear-time engine, or undefined when it can (or is not a pattern at all: ajv says why). */
export function linearPatternProblem(pattern: string): string | undefined {
  try {
    linearRegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return error instanceof UnsupportedPatternError ? error.message : undefined;
  }
}

const LOOKAROUND_ADVICE =
  'rewrite the pattern without it (a value that must pass several tests can use allOf with a pattern each, and one that must not match something not: { pattern: … })';
const BACKREFERENCE_ADVICE = 'spell out what it repeats (no linear-time engine can match a backreference)';

function refusal(pattern: string, error: RE2JSSyntaxException): UnsupportedPatternError {
  const what = error.getDescription();
  const where = error.getPattern() ?? '';
  if (what === 'invalid repeat count') {
    return new UnsupportedPatternError(pattern, `a repetition count above 1000 (${where})`, 'bound the length with minLength and maxLength, and repeat with + or *');
  }
  if (what === 'invalid character class range' && /^\\[pP]/.test(where)) {
    return new UnsupportedPatternError(pattern, `the Unicode property ${where}`, 'use a general category by its short name (\\p{L}, \\p{Lu}, \\p{Nd}), a script (\\p{Script=Greek}) or a character class');
  }
  return new UnsupportedPatternError(pattern, `${where} (${what})`, 'rewrite that part of the pattern');
}

// ECMA-262 WhiteSpace and LineTerminator, which `\s` matches; RE2's `\s` is ASCII only.
const SPACE = '\\x{9}-\\x{d}\\x{20}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const NOT_SPACE =
  '\\x{0}-\\x{8}\\x{e}-\\x{1f}\\x{21}-\\x{9f}\\x{a1}-\\x{167f}\\x{1681}-\\x{1fff}\\x{200b}-\\x{2027}\\x{202a}-\\x{202e}\\x{2030}-\\x{205e}\\x{2060}-\\x{2fff}\\x{3001}-\\x{fefe}\\x{ff00}-\\x{10ffff}';
// ECMA's `.` stops at every line terminator; RE2's only at \n.
const DOT = '[^\\n\\r\\x{2028}\\x{2029}]';
const PROPERTY_PREFIX = /^(?:General_Category|gc|Script|sc)=/;

/**
 * An ECMA-262 pattern (already parsed by the native engine, so well formed in
 * `u` mode) in RE2's syntax with the same meaning. `exact` when the pattern is
 * `^…$` with no top-level alternative: the anchors are dropped and the whole
 * value is matched, which runs on RE2's DFA instead of its slower one-pass engine.
 */
function translatePattern(pattern: string): { source: string; exact: boolean } {
  const tokens: string[] = [];
  let depth = 0;
  let alternation = false;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const [text, length] = translateEscape(pattern, i, false);
      tokens.push(text);
      i += length;
    } else if (c === '[') {
      const [text, length] = translateClass(pattern, i);
      tokens.push(text);
      i += length;
    } else if (c === '(') {
      depth++;
      if (pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i)) {
        throw new UnsupportedPatternError(pattern, 'a lookahead ((?=…) or (?!…))', LOOKAROUND_ADVICE);
      }
      if (pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) {
        throw new UnsupportedPatternError(pattern, 'a lookbehind ((?<=…) or (?<!…))', LOOKAROUND_ADVICE);
      }
      // A group's name only matters to a backreference, which RE2 refuses: RE2's names are narrower than ECMA's.
      const named = pattern.startsWith('(?<', i);
      tokens.push('(');
      i = named ? pattern.indexOf('>', i) + 1 : i + 1;
    } else {
      if (c === ')') depth--;
      if (c === '|' && depth === 0) alternation = true;
      const code = pattern.codePointAt(i)!;
      const char = String.fromCodePoint(code);
      tokens.push(c === '.' ? DOT : char);
      i += char.length;
    }
  }
  const exact = !alternation && tokens.length >= 2 && tokens[0] === '^' && tokens.at(-1) === '$';
  return { source: (exact ? tokens.slice(1, -1) : tokens).join(''), exact };
}

/** `[…]` from index `start`: the translated class and the length it took. */
function translateClass(pattern: string, start: number): [string, number] {
  const negated = pattern[start + 1] === '^';
  let i = start + (negated ? 2 : 1);
  // `[]` matches nothing and `[^]` anything in ECMA; RE2 refuses both.
  if (pattern[i] === ']') return [negated ? '[\\x{0}-\\x{10ffff}]' : '[^\\x{0}-\\x{10ffff}]', i + 1 - start];
  let out = negated ? '[^' : '[';
  while (pattern[i] !== ']') {
    const c = pattern[i]!;
    if (c === '\\') {
      const [text, length] = translateEscape(pattern, i, true);
      out += text;
      i += length;
    } else {
      // A `[` is a plain character in an ECMA class, but opens `[:alpha:]` in RE2's.
      const char = String.fromCodePoint(pattern.codePointAt(i)!);
      out += c === '[' ? '\\[' : char;
      i += char.length;
    }
  }
  return [out + ']', i + 1 - start];
}

/** The escape at index `start` (a backslash): its RE2 text and the length it took. */
function translateEscape(pattern: string, start: number, inClass: boolean): [string, number] {
  const c = pattern[start + 1]!;
  switch (c) {
    case 's':
      return [inClass ? SPACE : `[${SPACE}]`, 2];
    case 'S':
      return [inClass ? NOT_SPACE : `[^${SPACE}]`, 2];
    case 'b':
      return [inClass ? '\\x{8}' : '\\b', 2];
    case 'c':
      return [hex(pattern.charCodeAt(start + 2) % 32), 3];
    case '0':
      return ['\\x{0}', 2];
    case 'k':
      throw new UnsupportedPatternError(pattern, 'a backreference (\\k<name>)', BACKREFERENCE_ADVICE);
    case 'u': {
      if (pattern[start + 2] === '{') {
        const end = pattern.indexOf('}', start);
        return [hex(parseInt(pattern.slice(start + 3, end), 16)), end + 1 - start];
      }
      const unit = parseInt(pattern.slice(start + 2, start + 6), 16);
      // In `u` mode an escaped surrogate pair is one code point.
      const low = /^\\u(d[c-f][0-9a-f]{2})/i.exec(pattern.slice(start + 6, start + 12));
      if (unit >= 0xd800 && unit <= 0xdbff && low) {
        return [hex(0x10000 + ((unit - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00)), 12];
      }
      return [hex(unit), 6];
    }
    case 'p':
    case 'P': {
      const end = pattern.indexOf('}', start);
      const name = pattern.slice(start + 3, end).replace(PROPERTY_PREFIX, '');
      return [`\\${c}{${name}}`, end + 1 - start];
    }
    default:
      if (c >= '1' && c <= '9') {
        throw new UnsupportedPatternError(pattern, `a backreference (\\${c})`, BACKREFERENCE_ADVICE);
      }
      // \d \D \w \W \B \f \n \r \t \v \xHH and escaped syntax characters mean the same in RE2.
      return [`\\${c}`, 2];
  }
}

function hex(code: number): string {
  return `\\x{${code.toString(16)}}`;
}
