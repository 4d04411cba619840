import { HUMAN_ROUTES, type Policy } from '@oversight/core';
import { irreversibleRegions, isExempt, isGatedRoute } from '../analysis/irreversible-gate.js';
import type { PolicyAnalysis } from '../analysis/policy-analysis.js';
import { createRule } from '../rule.js';

/**
 * Every human decision needs an owner: the deciding rule's `reviewer`, or the
 * policy's `spec.reviewer`, which owns every human decision no rule assigns
 * (reached through `default`, `onError` or the irreversible gate). With
 * `spec.reviewer` set everything is owned; without it, each path that reaches
 * a person unowned is reported once, where it is written.
 */
export const missingReviewer = createRule({
  meta: {
    id: 'missing-reviewer',
    category: 'review',
    defaultSeverity: 'error',
    messages: {
      rule: "rule '{{rule}}' sends actions to a person ({{route}}) but names no reviewer, and the policy has no spec.reviewer: add reviewer: <role> to the rule, or under spec to own every human decision no rule assigns ({{roles}}), so someone is accountable and an SLA applies",
      default:
        'default: {{route}} sends every action no rule matches to a person, but no one owns those decisions: add reviewer: <role> under spec ({{roles}}), so someone is accountable and an SLA applies',
      onError:
        'onError: {{route}} sends every action that cannot be evaluated safely to a person, but no one owns those decisions: add reviewer: <role> under spec ({{roles}}), so someone is accountable and an SLA applies',
      implicit:
        'the policy sets no {{fields}}, so a person gets {{actions}} (approve_before, the default), but no one owns those decisions: add reviewer: <role> under spec ({{roles}}), so someone is accountable and an SLA applies',
      gate:
        'the irreversible gate sends to approve_before every irreversible action that {{sources}} would run before a person approves it, but no one owns those decisions: add reviewer: <role> under spec ({{roles}}), so someone is accountable and an SLA applies',
    },
    docs: {
      description:
        'Every human route (`review_after`, `approve_before`, `escalate`) has an accountable owner: a rule\'s `reviewer`, or `spec.reviewer` for what no rule assigns (`default`, `onError`, the irreversible gate).',
    },
  },
  check(context) {
    const { policy, analysis } = context;
    const { spec } = policy;
    if (spec.reviewer !== undefined) return;
    const declared = Object.keys(spec.reviewers ?? {});
    const roles = declared.length > 0 ? `one of: ${declared.join(', ')}` : 'declare the role under spec.reviewers first';

    spec.rules.forEach((rule, index) => {
      if (HUMAN_ROUTES.includes(rule.route) && rule.reviewer === undefined) {
        context.report({ messageId: 'rule', data: { rule: rule.id, route: rule.route, roles }, path: ['spec', 'rules', index, 'route'] });
      }
    });

    // default and onError are approve_before when not written: both unset share one finding on spec.
    const implicit: string[] = [];
    if (spec.default === undefined) implicit.push('default');
    else if (HUMAN_ROUTES.includes(spec.default)) context.report({ messageId: 'default', data: { route: spec.default, roles }, path: ['spec', 'default'] });
    if (spec.onError === undefined) implicit.push('onError');
    else if (HUMAN_ROUTES.includes(spec.onError)) context.report({ messageId: 'onError', data: { route: spec.onError, roles }, path: ['spec', 'onError'] });
    if (implicit.length > 0) {
      const actions = implicit.map((field) => (field === 'default' ? 'every action no rule matches' : 'every action that cannot be evaluated safely')).join(' and ');
      context.report({ messageId: 'implicit', data: { fields: implicit.join(' or '), actions, roles }, path: ['spec'], on: 'key' });
    }

    const sources = gateSources(policy, analysis);
    if (sources.length > 0) {
      context.report({ messageId: 'gate', data: { sources: sources.join(' or '), roles }, path: ['spec', 'facts', 'irreversible'], on: 'key' });
    }
  },
});

/** What the gate can lift: unexempt auto and review_after rules that can match an irreversible action, and such a default. */
function gateSources(policy: Policy, analysis: PolicyAnalysis): string[] {
  const gate = irreversibleRegions(policy, analysis);
  if (gate === undefined) return [];
  const rules = policy.spec.rules.flatMap((rule, index) => {
    if (!isGatedRoute(rule.route) || isExempt(rule)) return [];
    const region = analysis.ruleRegion(index);
    // Unknown (too large to analyse) counts as reachable: a finding too many is safer than an owner too few.
    const reachable = region === undefined || gate.irreversible === undefined || analysis.overlaps(region, gate.irreversible) !== false;
    return reachable ? [`'${rule.id}'`] : [];
  });
  const sources = rules.length === 0 ? [] : [`rule${rules.length > 1 ? 's' : ''} ${rules.join(', ')}`];
  // The default is never exempt; whether it is reached depends on facts the analysis takes as present, so it always counts.
  const fallback = policy.spec.default;
  if (fallback !== undefined && isGatedRoute(fallback)) sources.push(`the default (${fallback})`);
  return sources;
}
