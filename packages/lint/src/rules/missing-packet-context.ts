import { HUMAN_ROUTES } from '@oversight/core';
import { forEachLeaf } from '@oversight/core/internal';
import { packetFacts } from '../analysis/packet-facts.js';
import { createRule } from '../rule.js';

/** A reviewer decides from the packet alone, so it must show why the action reached them. */
export const missingPacketContext = createRule({
  meta: {
    id: 'missing-packet-context',
    category: 'review',
    defaultSeverity: 'warning',
    messages: {
      emptyPacket:
        'actions reach people (rule {{rule}}), but the review packet lists no context or impact facts: add spec.packet.context and spec.packet.impact with what a reviewer needs to decide',
      notShown:
        "rule '{{rule}}' sends actions to a person, but its packet shows none of the facts it tests ({{facts}}): add them to spec.packet.context or impact, so the reviewer sees why",
    },
    docs: { description: 'The review packet of a human route shows what the reviewer needs: some context or impact facts, and at least one of the facts that sent the action to them.' },
  },
  check(context) {
    const { spec } = context.policy;
    const humanRules = spec.rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => HUMAN_ROUTES.includes(rule.route));
    if (humanRules.length === 0) return;
    const { listed, inSummary } = packetFacts(spec.packet);
    if (listed.size === 0) {
      const path = spec.packet === undefined ? ['spec'] : ['spec', 'packet'];
      context.report({ messageId: 'emptyPacket', data: { rule: `'${humanRules[0]!.rule.id}'` }, path, on: 'key' });
      return;
    }
    const shown = new Set([...listed, ...inSummary]);
    for (const { rule, index } of humanRules) {
      const tested = new Set<string>();
      forEachLeaf(rule.when, [], (leaf) => tested.add(leaf.fact));
      if ([...tested].some((fact) => shown.has(fact))) continue;
      context.report({ messageId: 'notShown', data: { rule: rule.id, facts: [...tested].join(', ') }, path: ['spec', 'rules', index, 'when'], on: 'key' });
    }
  },
});
