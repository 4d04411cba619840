// Helpers that turn the root JSON Schemas (schemas/*.json, via @oversight/core)
// into parts of the server's own: Fastify compiles them once at startup, for
// validation (ajv) and serialization (fast-json-stringify), and the OpenAPI
// document is generated from the same objects.

/** A JSON Schema as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** A reference to one of the server's named schemas (SCHEMA_COMPONENTS): `Decision#` for Fastify, `#/components/schemas/Decision` in the OpenAPI document. */
export function ref(name: string): JsonSchema {
  return { $ref: `${name}#` };
}

/**
 * A copy of `schema` with every `#/$defs/<name>` reference replaced by the
 * definition `root` gives it, and without `$schema`/`$id`/`$defs`: a
 * self-contained schema that can sit inside another (a local reference would
 * otherwise resolve against the schema it was pasted into).
 */
export function inlineDefs(schema: unknown, root: { readonly $defs?: Readonly<Record<string, unknown>> }): JsonSchema {
  return inline(schema, root.$defs ?? {}) as JsonSchema;
}

function inline(node: unknown, defs: Readonly<Record<string, unknown>>): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(item, defs));
  if (node === null || typeof node !== 'object') return node;
  const reference = (node as { $ref?: unknown }).$ref;
  if (typeof reference === 'string' && reference.startsWith('#/$defs/')) {
    const name = reference.slice('#/$defs/'.length);
    if (!(name in defs)) throw new Error(`schema reference ${reference} names no definition`);
    const { $ref: _ref, ...siblings } = node as Record<string, unknown>;
    return { ...(inline(defs[name], defs) as object), ...(inline(siblings, defs) as object) };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === '$id' || key === '$defs') continue;
    copy[key] = inline(value, defs);
  }
  return copy;
}

/**
 * Marks every object schema that lists no properties as open
 * (`additionalProperties: true`). fast-json-stringify writes only the
 * properties a schema names, so a free-form object (facts, a packet's context)
 * would otherwise go out as `{}`.
 */
export function openFreeFormObjects(schema: unknown): JsonSchema {
  return open(schema) as JsonSchema;
}

function open(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(open);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = key === 'properties' ? mapValues(value, open) : open(value);
  if (copy.type === 'object' && copy.properties === undefined && copy.additionalProperties === undefined) copy.additionalProperties = true;
  return copy;
}

function mapValues(value: unknown, map: (item: unknown) => unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, map(item)]));
}
