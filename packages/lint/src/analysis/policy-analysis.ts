import { type Condition, type FactCondition, type FactSchema, type Operator, type Policy } from '@oversight/core';
import { isThresholdRef } from '@oversight/core/internal';
import {
  numeric,
  prune,
  intersectRegions,
  covers,
  subtractRegions,
  isMeasureZero,
  UNIVERSE,
  type Box,
  type Constraint,
  type Dimension,
  type DimensionLookup,
  type Region,
  type Scalar,
} from './domain.js';

/**
 * The policy's conditions as regions of the facts' declared domain, so the
 * logic rules can ask "can this ever hold?" and "is this covered by those?".
 *
 * Two choices, documented in docs/lint.md: every fact is taken as present
 * (a missing fact fails closed at run time, so it cannot make a rule decide),
 * and thresholds are taken at their current `value`: the policy as it decides
 * today, which is what a reviewer of the file reads.
 */
export interface PolicyAnalysis {
  lookup: DimensionLookup;
  /** The region where rule `index` matches; undefined when too large to analyse. */
  ruleRegion(index: number): Region | undefined;
  conditionRegion(condition: Condition): Region | undefined;
  isEmpty(region: Region): boolean;
  covers(cover: Region, region: Region): boolean | undefined;
  /** True when `region` holds everywhere in the declared domain but on a vanishing share of it. */
  coversNearlyEverything(region: Region): boolean | undefined;
  union(regions: readonly (Region | undefined)[]): Region | undefined;
  /** Where both regions hold; undefined when too large to analyse. */
  intersect(a: Region, b: Region): Region | undefined;
  /** What of `region` lies outside `cut`; undefined when too large to analyse. */
  subtract(region: Region, cut: Region): Region | undefined;
  /** Whether the two regions share a point; undefined when too large to tell. */
  overlaps(a: Region, b: Region): boolean | undefined;
}

const NEGATED: Record<Operator, Operator> = {
  equal: 'notEqual',
  notEqual: 'equal',
  lessThan: 'greaterThanInclusive',
  greaterThanInclusive: 'lessThan',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
  in: 'notIn',
  notIn: 'in',
  contains: 'doesNotContain',
  doesNotContain: 'contains',
};

export function analysePolicy(policy: Policy): PolicyAnalysis {
  const dimensions = new Map<string, Dimension | undefined>();
  const lookup: DimensionLookup = (key) => dimensions.get(key);
  const thresholds = policy.spec.thresholds ?? {};

  const dimensionKey = (leaf: FactCondition, kind: 'num' | 'set'): string => {
    const key = `${kind}:${leaf.fact}${leaf.path ?? ''}`;
    if (!dimensions.has(key)) dimensions.set(key, dimensionOf(schemaAt(policy.spec.facts[leaf.fact], leaf.path), kind));
    return key;
  };
  const single = (key: string, constraint: Constraint): Region => [new Map([[key, constraint]])];

  const leafRegion = (leaf: FactCondition, negated: boolean): Region => {
    const operator = negated ? NEGATED[leaf.operator] : leaf.operator;
    const value = isThresholdRef(leaf.value) ? thresholds[leaf.value.threshold]?.value : leaf.value;
    const opaque = (): Region => {
      // Not modelled: an independent proposition, true or false, keyed by what it says.
      // The alphabetically first of an operator and its negation names the proposition.
      const positive = NEGATED[operator] > operator ? operator : NEGATED[operator];
      const key = `atom:${leaf.fact}${leaf.path ?? ''} ${positive} ${JSON.stringify(value)}`;
      if (!dimensions.has(key)) dimensions.set(key, undefined);
      return single(key, { kind: 'atom', holds: operator === positive });
    };
    if (value === undefined) return opaque();
    const declared = schemaAt(policy.spec.facts[leaf.fact], leaf.path);
    const numericFact = declared?.type === 'number' || declared?.type === 'integer';
    switch (operator) {
      case 'lessThan':
      case 'lessThanInclusive':
      case 'greaterThan':
      case 'greaterThanInclusive': {
        if (typeof value !== 'number') return opaque();
        const key = dimensionKey(leaf, 'num');
        if (operator === 'lessThan') return single(key, numeric(-Infinity, true, value, true));
        if (operator === 'lessThanInclusive') return single(key, numeric(-Infinity, true, value, false));
        if (operator === 'greaterThan') return single(key, numeric(value, true, Infinity, true));
        return single(key, numeric(value, false, Infinity, true));
      }
      case 'equal':
      case 'notEqual':
      case 'in':
      case 'notIn': {
        const values = (Array.isArray(value) ? value : [value]) as Scalar[];
        const include = operator === 'equal' || operator === 'in';
        if (numericFact && values.every((v) => typeof v === 'number')) {
          const key = dimensionKey(leaf, 'num');
          const numbers = values;
          if (include) return numbers.map((v) => new Map([[key, numeric(v, false, v, false)]]));
          return single(key, numeric(-Infinity, true, Infinity, true, numbers));
        }
        const key = dimensionKey(leaf, 'set');
        return single(key, include ? { kind: 'set', allowed: values, excluded: [] } : { kind: 'set', allowed: null, excluded: values });
      }
      default:
        return opaque();
    }
  };

  const toRegion = (condition: Condition, negated: boolean): Region | undefined => {
    if ('not' in condition) return toRegion(condition.not, !negated);
    const children = 'all' in condition ? condition.all : 'any' in condition ? condition.any : undefined;
    if (children === undefined) return prune(leafRegion(condition as FactCondition, negated), lookup);
    // De Morgan: a negated all is an any of negations, and the other way round.
    const conjunction = 'all' in condition !== negated;
    let region: Region | undefined = conjunction ? UNIVERSE : [];
    for (const child of children) {
      const part = toRegion(child, negated);
      if (part === undefined || region === undefined) return undefined;
      region = conjunction ? intersectRegions(region, part, lookup) : prune([...region, ...part], lookup);
    }
    return region;
  };

  const memo = new Map<number, Region | undefined>();
  return {
    lookup,
    conditionRegion: (condition) => toRegion(condition, false),
    ruleRegion: (index) => {
      if (!memo.has(index)) {
        const rule = policy.spec.rules[index];
        memo.set(index, rule === undefined ? undefined : toRegion(rule.when, false));
      }
      return memo.get(index);
    },
    isEmpty: (region) => prune(region, lookup)?.length === 0,
    covers: (cover, region) => covers(cover, region, lookup),
    coversNearlyEverything: (region) => {
      const outside = subtractRegions(UNIVERSE, region, lookup);
      return outside === undefined ? undefined : outside.every((box: Box) => isMeasureZero(box, lookup));
    },
    overlaps: (a, b) => {
      const both = intersectRegions(a, b, lookup);
      return both === undefined ? undefined : both.length > 0;
    },
    intersect: (a, b) => intersectRegions(a, b, lookup),
    subtract: (region, cut) => subtractRegions(region, cut, lookup),
    union: (regions) => {
      if (regions.some((r) => r === undefined)) return undefined;
      return prune(regions.flatMap((r) => r ?? []), lookup);
    },
  };
}

/** The schema of the value a condition reads: the fact's, or the one `path` leads to. */
function schemaAt(schema: FactSchema | undefined, path: string | undefined): FactSchema | undefined {
  if (path === undefined || schema === undefined) return schema;
  let current: FactSchema | undefined = schema;
  for (const [, field, index] of path.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]/g)) {
    if (current === undefined) return undefined;
    if (field !== undefined) current = (current.properties as Record<string, FactSchema> | undefined)?.[field];
    else if (index !== undefined) current = current.items as FactSchema | undefined;
  }
  return current;
}

function dimensionOf(schema: FactSchema | undefined, kind: 'num' | 'set'): Dimension | undefined {
  if (schema === undefined) return undefined;
  if (kind === 'num') {
    const lo = tighter(schema.minimum, schema.exclusiveMinimum, (a, b) => a > b) ?? { at: -Infinity, open: true };
    const hi = tighter(schema.maximum, schema.exclusiveMaximum, (a, b) => a < b) ?? { at: Infinity, open: true };
    return { bounds: numeric(lo.at, lo.open, hi.at, hi.open), integer: schema.type === 'integer' };
  }
  if (Array.isArray(schema.enum)) return { values: schema.enum as Scalar[] };
  if (schema.type === 'boolean') return { values: [true, false] };
  return {};
}

/** The tighter of an inclusive and an exclusive bound; at the same number the exclusive one is tighter. */
function tighter(inclusive: unknown, exclusive: unknown, isTighter: (a: number, b: number) => boolean): { at: number; open: boolean } | undefined {
  const closed = typeof inclusive === 'number' ? { at: inclusive, open: false } : undefined;
  const open = typeof exclusive === 'number' ? { at: exclusive, open: true } : undefined;
  if (closed === undefined || open === undefined) return open ?? closed;
  return isTighter(closed.at, open.at) ? closed : open;
}
