/** The objects of a review packet, built by functions generated per policy. */
export interface PacketBuilders {
  /** The declared facts that are present, from a kernel's checked values (absent ones left out). */
  action(values: readonly unknown[]): Record<string, unknown>;
  /** The packet's `context` facts, read from an action; an absent one shows as null. */
  context(action: Record<string, unknown>): Record<string, unknown>;
  /** The packet's `impact` facts, likewise. */
  impact(action: Record<string, unknown>): Record<string, unknown>;
}

// Fact names are identifiers (the policy schema's factName); checked again here
// because they are written into generated source.
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Generates the packet's object builders for one policy: an object literal
 * with fixed keys is allocated in one step with one shape, where adding keys
 * one by one walks shape transitions on every decision. Names reach the source
 * only as checked identifiers inside JSON.stringify.
 */
export function generatePacketBuilders(factNames: readonly string[], context: readonly string[], impact: readonly string[]): PacketBuilders {
  for (const name of [...factNames, ...context, ...impact]) {
    if (!IDENTIFIER.test(name) || name === '__proto__') throw new TypeError(`fact name ${JSON.stringify(name)} cannot be compiled`);
  }
  const key = JSON.stringify;
  const allPresent = factNames.map((_, i) => `v[${i}] !== undefined`).join(' && ') || 'true';
  const literal = factNames.map((name, i) => `${key(name)}: v[${i}]`).join(', ');
  const picks = (names: readonly string[]) => `return { ${names.map((name) => `${key(name)}: a[${key(name)}] ?? null`).join(', ')} };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the builders are code generated per policy, names checked as identifiers above
  const factory = new Function(
    'names',
    `"use strict";
return {
  action(v) {
    if (${allPresent}) return { ${literal} };
    const a = {};
    for (let i = 0; i < names.length; i++) if (v[i] !== undefined) a[names[i]] = v[i];
    return a;
  },
  context(a) { ${picks(context)} },
  impact(a) { ${picks(impact)} },
};`,
  ) as (names: readonly string[]) => PacketBuilders;
  return factory(factNames);
}
