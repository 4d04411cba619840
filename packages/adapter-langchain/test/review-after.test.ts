// review_after: the call runs at once and its review waits in the gate's queue.
// Uses the shipped internal-reporting policy and a custom facts mapping (the
// tool's arguments are not the policy's facts one for one).
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { MemorySaver } from '@langchain/langgraph';
import { createGate, MemoryDecisionStore } from '@oversight/gate';
import { createAgent, tool } from 'langchain';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { oversightMiddleware } from '../src/index.js';
import { loadShippedPolicy, NOW } from './fixtures.js';

const REPORTING = new URL('../../../policies/internal-reporting.yaml', import.meta.url);

test('a report with financial figures goes out at once and its review waits for finance', async () => {
  const gate = await createGate({ policies: [loadShippedPolicy(REPORTING)], store: new MemoryDecisionStore(), clock: () => NOW });
  const published: string[] = [];
  const publishReport = tool(
    ({ title }: { title: string; audience: string; recipients: number }) => {
      published.push(title);
      return `published ${title}`;
    },
    { name: 'publishReport', description: 'Publish a report to an internal audience.', schema: z.object({ title: z.string(), audience: z.string(), recipients: z.number() }) },
  );
  const agent = createAgent({
    model: fakeModel()
      .respondWithTools([{ name: 'publishReport', id: 'report-1', args: { title: 'Weekly margins', audience: 'department', recipients: 40 } }])
      .respond(new AIMessage('published')),
    tools: [publishReport],
    middleware: [
      oversightMiddleware({
        gate,
        policy: 'internal-reporting',
        proposer: { id: 'reporting-agent', kind: 'agent' },
        facts: ({ args }) => ({
          reportType: 'metrics_digest', title: args.title, audience: args.audience, recipientCount: args.recipients,
          sharedExternally: false, containsPersonalData: false, containsFinancialFigures: true, materialDecision: false,
          decisionValue: 0, confidence: 0.92, dataAgeHours: 6, irreversible: false,
        }),
      }),
    ],
    checkpointer: new MemorySaver(),
  });

  const result = await agent.invoke({ messages: [new HumanMessage('Send the weekly margins digest.')] }, { configurable: { thread_id: 'reports' } });
  expect(result.__interrupt__).toBeUndefined();
  expect(published).toEqual(['Weekly margins']);
  const queued = gate.open({ role: 'finance-analyst' });
  expect(queued).toHaveLength(1);
  expect(queued[0]?.proposal).toMatchObject({ route: 'review_after', status: 'under_review', rules: ['financial-figures', 'routine-team-report'], facts: { title: 'Weekly margins', recipientCount: 40 } });
});
