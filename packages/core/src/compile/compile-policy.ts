import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseDuration } from '../duration.js';
import { isThresholdRef } from '../load/check-references.js';
import { canonicalJson, policyHash } from '../policy-hash.js';
import type { ValidateFunction } from 'ajv';
import { newRouteResult } from '../evaluate/evaluate-route.js';
import { ROUTES, type Condition, type Policy, type Route } from '../types.js';
import { generateKernel } from './generate-kernel.js';
import { generatePacketBuilders } from './generate-packet.js';
import { linearRegExp } from './linear-regexp.js';
import type { CompiledFact, CompiledPlan, CompiledPolicy, CompiledRule, ConditionNode, SummaryPart } from './plan.js';
import { samplingSeed } from '../evaluate/sampling.js';
import { parsePath } from './read-path.js';
import { operandTypeProblem } from '../load/operand-types.js';
import { show } from '../evaluate/conditions.js';

export type { CompiledPolicy } from './plan.js';

/**
 * Compiles a policy once into a plan that `evaluate` runs many times: fact
 * validators (ajv), conditions resolved to indexes, and a generated kernel.
 * Expects a policy that `loadPolicy` accepted; throws on one it would reject.
 */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const spec = policy.spec;
  const hash = policyHash(policy);
  const facts: CompiledFact[] = Object.entries(spec.facts).map(([name, schema]) => ({
    name,
    validate: compileFactSchema(schema),
    type: typeof schema.type === 'string' ? schema.type : undefined,
  }));
  const factIndex = new Map(facts.map((fact, index) => [fact.name, index]));
  const thresholdNames = Object.keys(spec.thresholds ?? {});
  const thresholdIndex = new Map(thresholdNames.map((name, index) => [name, index]));
  const thresholdValues = Float64Array.from(thresholdNames.map((name) => spec.thresholds![name]!.value));

  const compileCondition = (condition: Condition): ConditionNode => {
    if ('all' in condition) return { kind: 'all', children: condition.all.map(compileCondition) };
    if ('any' in condition) return { kind: 'any', children: condition.any.map(compileCondition) };
    if ('not' in condition) return { kind: 'not', child: compileCondition(condition.not) };
    const fact = factIndex.get(condition.fact);
    if (fact === undefined) throw new Error(`compilePolicy: undeclared fact '${condition.fact}' (load the policy with loadPolicy first)`);
    const typeProblem = operandTypeProblem(condition, spec.facts[condition.fact]!);
    if (typeProblem !== undefined) throw new Error(`compilePolicy: ${typeProblem} (load the policy with loadPolicy first)`);
    const path = condition.path === undefined ? undefined : parsePath(condition.path);
    let threshold = -1;
    if (isThresholdRef(condition.value)) {
      threshold = thresholdIndex.get(condition.value.threshold) ?? -1;
      if (threshold < 0) throw new Error(`compilePolicy: undeclared threshold '${condition.value.threshold}'`);
    }
    return {
      kind: 'leaf',
      fact,
      path,
      label: condition.fact + (condition.path ? condition.path.slice(1) : ''),
      operator: condition.operator,
      literal: threshold >= 0 ? undefined : condition.value,
      literalText: threshold >= 0 ? '' : show(condition.value),
      threshold,
    };
  };

  const rules: CompiledRule[] = spec.rules.map((rule) => ({
    id: rule.id,
    route: rule.route,
    rank: ROUTES.indexOf(rule.route),
    reviewer: rule.reviewer,
    exemptIrreversible: rule.exempt?.includes('irreversible') === true,
    when: compileCondition(rule.when),
  }));

  const reviewers = new Map(
    Object.entries(spec.reviewers ?? {}).map(([name, role]) => [name, { sla: role.sla, slaSeconds: parseDuration(role.sla) ?? 0 }]),
  );

  const defaultRoute = spec.default ?? 'approve_before';
  const onErrorRoute = spec.onError ?? 'approve_before';
  const context = spec.packet?.context ?? [];
  const impact = spec.packet?.impact ?? [];
  const plan: Omit<CompiledPlan, 'kernel' | 'checkFacts' | 'decideRules' | 'scratch'> = {
    name: policy.metadata.name,
    version: policy.metadata.version,
    hash,
    policy,
    strategy: spec.strategy ?? 'most-restrictive',
    defaultRoute,
    onErrorRoute,
    defaultRank: ROUTES.indexOf(defaultRoute),
    onErrorRank: ROUTES.indexOf(onErrorRoute),
    facts,
    factIndex,
    factSignature: JSON.stringify(Object.keys(spec.facts)) + canonicalJson(spec.facts),
    thresholdNames,
    thresholdIndex,
    thresholdValues,
    rules,
    irreversibleFact: factIndex.get('irreversible') ?? -1,
    reviewers,
    policyReviewer: spec.reviewer,
    samplingRate: spec.sampling?.auto ?? 0,
    samplingSeed: samplingSeed(hash),
    packet: {
      summary: spec.packet?.summary === undefined ? undefined : splitSummary(spec.packet.summary),
      context,
      impact,
      choices: spec.packet?.choices ?? ['approve', 'reject', 'edit', 'escalate'],
      builders: generatePacketBuilders(
        facts.map((fact) => fact.name),
        context,
        impact,
      ),
    },
  };
  const { check, decide, kernel } = generateKernel(plan);
  const compiled: CompiledPlan = {
    ...plan,
    kernel,
    checkFacts: check,
    decideRules: decide,
    scratch: newScratch(rules.length, facts.length, plan.onErrorRoute),
  };
  return compiled;
}

// Fact schemas repeat across policies and their variants (the simulator compiles
// many); ajv compilation dominates compile time, so equal schemas share a validator.
// Patterns run on RE2, in time linear in the value whatever the policy says (the
// loader's check uses the same engine, so it refuses what this cannot compile).
const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true, unicodeRegExp: true, code: { regExp: linearRegExp } });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction>();
export function compileFactSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = canonicalJson(schema);
  let validate = validators.get(key);
  if (!validate) {
    if (validators.size >= 10_000) validators.clear();
    validate = ajv.compile(structuredClone(schema));
    ajv.removeSchema(validate.schema);
    validators.set(key, validate);
  }
  return validate;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;

// "Refund of {{amount}} for {{customer.tier}}" → text and fact references, filled per decision without a regex.
function splitSummary(template: string): SummaryPart[] {
  const parts: SummaryPart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push({ fact: match[1]!, path: match[2] ? match[2].slice(1).split('.') : [] });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

function newScratch(ruleCount: number, factCount: number, onError: Route): CompiledPlan['scratch'] {
  const states = new Uint8Array(ruleCount);
  return {
    states,
    values: new Array<unknown>(factCount),
    failure: { key: '', fact: -1 },
    routeResult: newRouteResult(states, onError),
  };
}
