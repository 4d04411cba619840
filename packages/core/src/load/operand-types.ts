import { parsePath } from '../compile/read-path.js';
import type { FactCondition, FactSchema } from '../types.js';

const NUMERIC_OPERATORS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);

/**
 * Why a comparison's operator does not fit what the policy declares about its
 * operand, or undefined when it fits. A numeric operator needs the fact (or
 * the field its path names) declared `number` or `integer`; `contains` and
 * `doesNotContain` need it declared `array`. Refusing the rest at load is
 * what keeps a condition's result independent of the order of its children:
 * a checked fact can then never hold a value its operator cannot compare.
 */
export function operandTypeProblem(leaf: FactCondition, factSchema: FactSchema): string | undefined {
  const needs = NUMERIC_OPERATORS.has(leaf.operator) ? 'number' : leaf.operator === 'contains' || leaf.operator === 'doesNotContain' ? 'array' : undefined;
  if (needs === undefined) return undefined;
  const where = leaf.path === undefined ? `fact '${leaf.fact}'` : `'${leaf.fact}${leaf.path.slice(1)}'`;
  const declareAt = leaf.path === undefined ? `spec.facts.${leaf.fact}` : `spec.facts.${leaf.fact}${schemaLocation(leaf.path)}`;
  const want = needs === 'number' ? 'type: number (or integer)' : 'type: array';
  const operand = leaf.path === undefined ? factSchema : schemaAtPath(factSchema, parsePath(leaf.path));
  const types = operand === undefined ? undefined : declaredTypes(operand);
  const fits = types !== undefined && types.length > 0 && types.every((type) => (needs === 'number' ? type === 'number' || type === 'integer' : type === 'array'));
  if (fits) return undefined;
  const compares = needs === 'number' ? `${leaf.operator} compares numbers` : `${leaf.operator} looks inside a list`;
  if (types === undefined || types.length === 0) {
    const reach = leaf.path === undefined ? '' : ' (every step of the path declared: type: object with properties, or type: array with items)';
    return `${compares}, but ${where} has no declared type: declare ${want} at ${declareAt}${reach}`;
  }
  return `${compares}, but ${where} is declared as ${JSON.stringify(types.length === 1 ? types[0] : types)}; compare it with equal / in, or declare ${want} at ${declareAt}`;
}

/**
 * The schema a checked fact's value at `path` is validated by: it descends
 * `properties` of schemas declared `type: object` and `prefixItems`/`items`
 * of schemas declared `type: array`, since only there does validating the
 * fact validate the field. Undefined where the path leaves the declarations.
 */
export function schemaAtPath(schema: FactSchema, path: readonly (string | number)[]): FactSchema | undefined {
  let current: FactSchema | undefined = schema;
  for (const segment of path) {
    if (current === undefined) return undefined;
    const types = declaredTypes(current);
    if (typeof segment === 'string') {
      current = types?.length === 1 && types[0] === 'object' ? schemaOf(ownField(current.properties, segment)) : undefined;
    } else {
      const prefix: readonly unknown[] = Array.isArray(current.prefixItems) ? current.prefixItems : [];
      const item = segment < prefix.length ? prefix[segment] : current.items;
      current = types?.length === 1 && types[0] === 'array' ? schemaOf(item) : undefined;
    }
  }
  return current;
}

/** The types a schema declares, null aside (a `null` value counts as absent); undefined when it declares none. */
function declaredTypes(schema: FactSchema): string[] | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type === 'null' ? [] : [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string' && t !== 'null');
  return undefined;
}

function ownField(properties: unknown, name: string): unknown {
  return typeof properties === 'object' && properties !== null && Object.hasOwn(properties, name) ? (properties as Record<string, unknown>)[name] : undefined;
}

function schemaOf(value: unknown): FactSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as FactSchema) : undefined;
}

// `$.vendor.score` → `.properties.vendor...`: where in the fact's schema the field is declared.
function schemaLocation(path: string): string {
  return parsePath(path)
    .map((segment) => (typeof segment === 'string' ? `.properties.${segment}` : '.items'))
    .join('');
}
