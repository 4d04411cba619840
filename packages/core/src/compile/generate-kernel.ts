import { readPath } from './read-path.js';
import {
  KERNEL_INVALID,
  KERNEL_OK,
  KERNEL_UNDECLARED,
  type CompiledFact,
  type CompiledPlan,
  type ConditionNode,
  type CheckFacts,
  type DecideRules,
  type Kernel,
  type LeafNode,
} from './plan.js';

export interface GeneratedKernel {
  check: CheckFacts;
  decide: DecideRules;
  kernel: Kernel;
}

/** The generated factory: takes what the kernel's source reads by name and returns its functions. */
type KernelFactory = (readPathFn: typeof readPath, c: readonly unknown[], v: readonly CompiledFact['validate'][]) => GeneratedKernel;

/** Facts whose presence fits in one int32 bit mask: more are read inside the for-in. */
const OWN_BITS = 31;
const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const NUMERIC_SYMBOL: Record<string, string> = { lessThan: '<', lessThanInclusive: '<=', greaterThan: '>', greaterThanInclusive: '>=' };

/**
 * Generates one JavaScript function per policy that checks the facts and
 * decides every rule, three-valued: the hot path, at the speed of hand-written
 * code. Nothing from the policy reaches the source unescaped: names and
 * strings go through JSON.stringify, numbers only when finite, and every
 * other value through the constants array `c`. Must agree with
 * evaluateCondition (the reference); a property test holds them together.
 */
export function generateKernel(plan: Omit<CompiledPlan, 'kernel' | 'checkFacts' | 'decideRules' | 'scratch'>): GeneratedKernel {
  const constants: unknown[] = [];
  const constant = (value: unknown) => `c[${constants.push(value) - 1}]`;
  const literal = (value: unknown): string => {
    if (typeof value === 'number' && Number.isFinite(value)) return Object.is(value, -0) ? '0' : String(value);
    if (typeof value === 'boolean' || value === null) return String(value);
    if (typeof value === 'string') return JSON.stringify(value);
    return constant(value);
  };

  // Steps 1 and 2 (check) and the rule states (decide) are separate functions, so
  // a replay that varies thresholds or policies checks each record's facts once.
  const check: string[] = [];
  const factVars = plan.facts.map((_, i) => `f${i}`);
  if (factVars.length) check.push(`let ${factVars.join(', ')};`);
  // Step 1: every key must be declared; copy values out so later reads never touch prototypes.
  check.push('for (const k in facts) {', '  if (!hasOwn.call(facts, k)) continue;', '  switch (k) {');
  if (plan.facts.length <= OWN_BITS) {
    // The loop only notes which declared facts are own; each is then read by name. On
    // objects from JSON.parse a named read is much faster than facts[k] inside for-in.
    plan.facts.forEach((fact, i) => check.push(`    case ${JSON.stringify(fact.name)}: own |= ${2 ** i}; break;`));
    check.push(`    default: out.key = k; return ${KERNEL_UNDECLARED};`, '  }', '}');
    plan.facts.forEach((fact, i) => check.push(`f${i} = (own & ${2 ** i}) === 0 ? undefined : facts[${JSON.stringify(fact.name)}];`));
    check.splice(check.indexOf('for (const k in facts) {'), 0, 'let own = 0;');
  } else {
    plan.facts.forEach((fact, i) => check.push(`    case ${JSON.stringify(fact.name)}: f${i} = facts[k]; break;`));
    check.push(`    default: out.key = k; return ${KERNEL_UNDECLARED};`, '  }', '}');
  }
  plan.facts.forEach((fact, i) => {
    check.push(`values[${i}] = f${i};`);
    check.push(`if (f${i} != null && !(${inlineCheck(fact, `f${i}`, literal) ?? `v[${i}](f${i})`})) { out.fact = ${i}; return ${KERNEL_INVALID}; }`);
  });
  check.push(`return ${KERNEL_OK};`);

  const lines: string[] = [];
  const used = new Set<number>();
  let deepest = 0;

  // Leaves the node's state (0 false, 1 true, 2 unknown) in `s<depth>`. The
  // code is flat: a child of an all/any adds one block, whatever the width,
  // so the function's nesting grows only with the condition's depth.
  const emit = (node: ConditionNode, depth: number): void => {
    deepest = Math.max(deepest, depth);
    const result = `s${depth}`;
    if (node.kind === 'leaf') {
      emitLeaf(node, result);
    } else if (node.kind === 'not') {
      emit(node.child, depth + 1);
      lines.push(`${result} = s${depth + 1} === 2 ? 2 : 1 - s${depth + 1};`);
    } else {
      const decisive = node.kind === 'all' ? 0 : 1;
      const child = `s${depth + 1}`;
      lines.push(`${result} = ${1 - decisive};`);
      node.children.forEach((childNode, i) => {
        // Stop at the first decisive child: nothing a later child holds can change the result.
        if (i > 0) lines.push(`if (${result} !== ${decisive}) {`);
        emit(childNode, depth + 1);
        lines.push(`if (${child} === ${decisive}) ${result} = ${decisive}; else if (${child} === 2) ${result} = 2;`);
        if (i > 0) lines.push('}');
      });
    }
  };

  // Types fit their operators (the loader refuses the rest) and facts are checked, so a present operand always compares.
  const emitLeaf = (leaf: LeafNode, result: string) => {
    const source = `f${leaf.fact}`;
    used.add(leaf.fact);
    lines.push(leaf.path === undefined ? `x = ${source};` : `x = ${source} == null ? undefined : readPath(${source}, ${constant(leaf.path)});`);
    const expected = leaf.threshold >= 0 ? `t[${leaf.threshold}]` : literal(leaf.literal);
    let test: string;
    if (NUMERIC.has(leaf.operator)) test = `x ${NUMERIC_SYMBOL[leaf.operator]} ${expected}`;
    else if (leaf.operator === 'contains' || leaf.operator === 'doesNotContain') test = `x.indexOf(${expected}) ${leaf.operator === 'contains' ? '!==' : '==='} -1`;
    else if (leaf.operator === 'in' || leaf.operator === 'notIn') test = `${expected}.indexOf(x) ${leaf.operator === 'in' ? '!==' : '==='} -1`;
    else test = `x ${leaf.operator === 'equal' ? '===' : '!=='} ${expected}`;
    lines.push(`${result} = x == null ? 2 : ${test} ? 1 : 0;`);
  };

  plan.rules.forEach((rule, i) => {
    emit(rule.when, 0);
    lines.push(`states[${i}] = s0;`);
  });
  lines.push(`return ${KERNEL_OK};`);
  const factLocals = [...used].sort((a, b) => a - b).map((i) => `f${i} = values[${i}]`);
  const ruleLocals = `let ${Array.from({ length: deepest + 1 }, (_, d) => `s${d}`).join(', ')}, x;`;
  // The whole kernel is one function, the checks' locals read directly: a call
  // less per evaluation than check() then decide(), on the hot path of evaluate.
  const kernelBody = [...check.slice(0, -1), ruleLocals, ...lines];
  if (factLocals.length) lines.unshift(`let ${factLocals.join(', ')};`);
  lines.unshift(ruleLocals);

  // hasOwnProperty.call, not Object.hasOwn: V8 has a fast path for it inside for-in.
  // The generated source takes it from Object.prototype itself, so it is never held unbound here.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the compiled kernel is code generated per policy, its inputs escaped
  const factory = new Function(
    'readPath',
    'c',
    'v',
    `"use strict";
const hasOwn = Object.prototype.hasOwnProperty;
const check = function checkFacts(facts, values, out) {\n${check.join('\n')}\n};
const decide = function decideRules(values, t, states, out) {\n${lines.join('\n')}\n};
const kernel = function kernel(facts, t, states, values, out) {\n${kernelBody.join('\n')}\n};
return { check, decide, kernel };`,
  ) as KernelFactory;
  return factory(readPath, constants, plan.facts.map((fact) => fact.validate));
}

/**
 * The same test as ajv for the schemas most facts have (one primitive type,
 * bounds, a list of strings), inline; undefined sends the fact to ajv.
 */
function inlineCheck(fact: CompiledFact, value: string, literal: (v: unknown) => string): string | undefined {
  const schema = fact.validate.schema as Record<string, unknown>;
  const simple = new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'enum', 'description', 'title']);
  if (Object.keys(schema).some((key) => !simple.has(key))) return undefined;
  const checks: string[] = [];
  switch (schema.type) {
    case 'number':
      checks.push(`typeof ${value} === 'number' && isFinite(${value})`);
      break;
    case 'integer':
      checks.push(`Number.isInteger(${value})`);
      break;
    case 'string':
      checks.push(`typeof ${value} === 'string'`);
      break;
    case 'boolean':
      checks.push(`typeof ${value} === 'boolean'`);
      break;
    default:
      return undefined;
  }
  const bounds: [string, string][] = [['minimum', '>='], ['maximum', '<='], ['exclusiveMinimum', '>'], ['exclusiveMaximum', '<']];
  for (const [keyword, symbol] of bounds) {
    const bound = schema[keyword];
    if (bound === undefined) continue;
    if (typeof bound !== 'number' || !Number.isFinite(bound)) return undefined;
    checks.push(`${value} ${symbol} ${literal(bound)}`);
  }
  if (schema.enum !== undefined) {
    if (!Array.isArray(schema.enum) || !schema.enum.every((item) => typeof item === 'string')) return undefined;
    checks.push(`(${schema.enum.map((item) => `${value} === ${literal(item)}`).join(' || ') || 'false'})`);
  }
  return checks.join(' && ');
}
