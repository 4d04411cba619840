// Preloaded into a benchmarked process (--import): the history reader parses
// each line with plain JSON.parse instead of parseJson, so a replay runs as it
// would without the repeated-key and limit checks. The baseline of
// json-check.bench.mjs; never for anything but measuring.
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const TARGET = '/simulator/dist/history/parse-record.js';
const CALL = 'parseJson(text)';
const PLAIN = `
function plainJsonParse(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: { code: 'invalid-json', message: \`not valid JSON: \${error.message}\` } };
  }
}
`;

// The hooks run in a thread of their own, which loads this file again: register once.
if (isMainThread) register(import.meta.url);

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (!url.endsWith(TARGET)) return loaded;
  const source = String(loaded.source);
  // A reader that no longer calls parseJson this way would make this a benchmark of nothing: fail.
  if (source.split(CALL).length !== 2) throw new Error(`plain-json-parse.mjs: expected one call ${CALL} in ${url}`);
  return { ...loaded, source: source.replace(CALL, 'plainJsonParse(text)') + PLAIN };
}
