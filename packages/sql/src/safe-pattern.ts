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
