// A pattern is compiled only when JavaScript's engine (ajv's, with the `u`
// flag) and DuckDB's RE2 give it the same meaning: both search the text
// (regexp_matches, like RegExp.test), with optional ^ and $ anchors around
// literals, escaped punctuation, \d, and positive character classes of ASCII
// letters, digits and `_`, each with an optional greedy quantifier. No `.`
// (JavaScript's skips \r and \u2028, RE2's only \n), no negated classes, no
// groups or alternation, no \w \s \b (their Unicode readings differ).
const LITERAL = String.raw`[A-Za-z0-9 _:@,'"#%&=!<>~/-]`;
const ESCAPED = String.raw`\\[.\-+*?()\[\]{}|^$/\\]`;
const DIGIT = String.raw`\\d`;
const CLASS_ITEM = String.raw`(?:[A-Za-z0-9_]-[A-Za-z0-9_]|[A-Za-z0-9_]|\\[.\-\]\[\\/])`;
const CLASS = String.raw`\[${CLASS_ITEM}+\]`;
const QUANTIFIER = String.raw`(?:\{[0-9]{1,3}(?:,[0-9]{0,3})?\}|[*+?])?`;
const SAFE = new RegExp(String.raw`^\^?(?:(?:${LITERAL}|${ESCAPED}|${DIGIT}|${CLASS})${QUANTIFIER})*\$?$`);

/** Whether `pattern` means the same to RE2 as to JavaScript with the `u` flag. */
export function isPortablePattern(pattern: string): boolean {
  return SAFE.test(pattern);
}

/**
 * A portable pattern for a Java-flavoured engine (Spark's java.util.regex,
 * Trino's Joni in Java syntax): there `$` also matches before a final line
 * break and `\d` may match non-ASCII digits, so the anchors become `\A` and
 * `\z` and `\d` becomes `[0-9]`, which mean what JavaScript means.
 */
export function javaPattern(pattern: string): string | undefined {
  if (!isPortablePattern(pattern)) return undefined;
  const tokens = pattern.match(/\\[\s\S]|[\s\S]/g) ?? [];
  return tokens
    .map((token, i) => {
      if (token === '^' && i === 0) return '\\A';
      if (token === '$' && i === tokens.length - 1) return '\\z';
      return token === '\\d' ? '[0-9]' : token;
    })
    .join('');
}
