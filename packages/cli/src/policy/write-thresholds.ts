import { loadPolicy } from '@oversight/core';
import { parseYaml, type PathSegment } from '@oversight/core/internal';

/** A change that cannot be written: an unknown threshold, a value outside its range, a policy that does not load. */
export class ThresholdWriteError extends Error {
  override readonly name = 'ThresholdWriteError';
}

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** What yaml's Document API gives for a plain scalar: its kind, its offsets [start, valueEnd, nodeEnd] in the text, and an anchor if any. */
interface ScalarNode {
  type?: string;
  range?: [number, number, number] | null;
  anchor?: string;
}

/**
 * Writes threshold values into a policy's YAML text and bumps
 * `metadata.version` by 1, as the policy's history requires (decisions name
 * the version they came from). Each value is replaced in place, over the
 * exact source range of its scalar (found through yaml's Document API), so
 * comments, quoting, flow mappings and every other line stay byte for byte:
 * a diff shows only the changed values and the version.
 *
 * Every change is checked before anything is written: a name the policy does
 * not declare under spec.thresholds, a value that is not a finite number, or
 * one outside the threshold's declared min..max throws a ThresholdWriteError
 * naming it. A change to the value the policy already has is no change; when
 * nothing changes the text comes back as it was, version included. The result
 * is loaded again before it is returned.
 */
export function writeThresholds(text: string, changes: Readonly<Record<string, number>>, file = 'policy.yaml'): string {
  const loaded = loadPolicy(text, file);
  if (!loaded.ok) {
    const first = loaded.diagnostics[0];
    const where = first === undefined ? '' : `: ${first.file}:${first.range.start.line}:${first.range.start.column}: ${first.message}`;
    throw new ThresholdWriteError(`'${file}' is not a valid policy, so its thresholds cannot be written${where}`);
  }
  const { policy } = loaded;
  const declared = policy.spec.thresholds ?? {};
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new ThresholdWriteError(`'${file}' does not parse as YAML: ${parsed.message}`);
  const { doc } = parsed;

  const edits: TextEdit[] = [];
  for (const [name, value] of Object.entries(changes)) {
    const threshold = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (threshold === undefined) {
      throw new ThresholdWriteError(`policy '${policy.metadata.name}' has no threshold '${name}' (it has: ${Object.keys(declared).join(', ') || 'none'})`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new ThresholdWriteError(`threshold '${name}' must be a finite number, got ${String(value)}`);
    const { min, max } = threshold;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      throw new ThresholdWriteError(`threshold '${name}' must stay within ${min ?? '-Infinity'}..${max ?? 'Infinity'} (its declared min and max): ${value} is outside`);
    }
    if (value === threshold.value) continue;
    edits.push({ ...scalarAt(doc.getIn(['spec', 'thresholds', name, 'value'], true), ['spec', 'thresholds', name, 'value']), text: String(value) });
  }
  if (edits.length === 0) return text;
  const version = policy.metadata.version + 1;
  edits.push({ ...scalarAt(doc.getIn(['metadata', 'version'], true), ['metadata', 'version']), text: String(version) });

  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);

  const check = loadPolicy(result, file);
  const wrote = check.ok && check.policy.metadata.version === version && Object.entries(changes).every(([name, value]) => check.policy.spec.thresholds?.[name]?.value === value);
  if (!wrote) throw new ThresholdWriteError(`writing ${Object.keys(changes).join(', ')} into '${file}' did not give a policy with those values: edit the file by hand`);
  return result;
}

/** The offsets of the plain scalar at `path`, or an error saying why it cannot be edited in place. */
function scalarAt(node: unknown, path: readonly PathSegment[]): { start: number; end: number } {
  const where = path.join('.');
  const scalar = (node !== null && typeof node === 'object' ? node : {}) as ScalarNode;
  if (scalar.type !== 'PLAIN' || !Array.isArray(scalar.range)) {
    throw new ThresholdWriteError(`${where} is not written as a plain number (an alias, a quoted or block value): edit it by hand`);
  }
  if (scalar.anchor !== undefined) throw new ThresholdWriteError(`${where} carries the anchor &${scalar.anchor}, which other values may share: edit it by hand`);
  return { start: scalar.range[0], end: scalar.range[1] };
}
