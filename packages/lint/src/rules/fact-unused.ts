import { forEachLeaf } from '@oversight/core/internal';
import { packetFacts } from '../analysis/packet-facts.js';
import { createRule } from '../rule.js';

/** A declared fact every caller must send (or leave out) but nothing reads is noise in every integration. */
export const factUnused = createRule({
  meta: {
    id: 'fact-unused',
    category: 'maintenance',
    defaultSeverity: 'warning',
    messages: {
      unused: "fact '{{name}}' is declared but no condition, packet field or the irreversible gate uses it: use it (e.g. in spec.packet.context so reviewers see it) or delete it",
    },
    docs: { description: 'Every declared fact is used by a condition, the review packet (summary, context, impact) or the irreversible gate.' },
  },
  check(context) {
    const { spec } = context.policy;
    const used = new Set<string>(['irreversible']);
    spec.rules.forEach((rule) => forEachLeaf(rule.when, [], (leaf) => used.add(leaf.fact)));
    const shown = packetFacts(spec.packet);
    for (const name of [...shown.listed, ...shown.inSummary]) used.add(name);
    for (const name of Object.keys(spec.facts)) {
      if (!used.has(name)) context.report({ messageId: 'unused', data: { name }, path: ['spec', 'facts', name], on: 'key' });
    }
  },
});
