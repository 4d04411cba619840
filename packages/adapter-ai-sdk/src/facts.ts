// From a tool call to the policy's facts: the caller's mapping, or the arguments themselves.
import { OversightError } from './errors.js';

/** Maps a tool call (tool name and validated arguments) to the facts the policy judges. */
export type FactsMapping = (toolName: string, args: unknown) => Record<string, unknown>;

/** The default mapping: the arguments object is the facts (tool arguments named as the policy's facts). */
export const argumentsAsFacts: FactsMapping = (toolName, args) => {
  if (isPlainObject(args)) return args;
  throw new OversightError('invalid-facts', `the arguments of ${toolName} are not an object, so they cannot be the policy's facts: pass facts: (toolName, args) => ({ ... }) to withOversight`);
};

/** Applies a mapping and checks it gave an object, so a bad mapping fails loudly before anything is proposed. */
export function factsOf(mapping: FactsMapping, toolName: string, args: unknown): Record<string, unknown> {
  const facts = mapping(toolName, args);
  if (!isPlainObject(facts)) throw new OversightError('invalid-facts', `the facts mapping gave ${describe(facts)} for ${toolName}; it must return an object of fact names to values`);
  return facts;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
