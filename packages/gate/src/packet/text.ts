import { reviewFacts, type Fact, type PacketView } from './packet-view.js';

/**
 * A packet as plain text, for a terminal, a log or an email body. Its strings
 * need no escaping beyond what the view did: control characters already show
 * as visible escapes, so no value can move the cursor, clear the screen or add
 * a line that passes for the packet's own.
 */
export function renderText(view: PacketView): string {
  const lines = [view.heading, `${view.routeText} (policy ${view.policy})`];
  const section = (title: string, body: string[]) => {
    if (body.length > 0) lines.push('', title, ...body.map((line) => `  ${line}`));
  };
  section('Why', view.why.map((line) => `- ${line}`));
  section('Proposed action', factLines(view.action));
  section('Context', factLines(view.context));
  section('Impact', factLines(view.impact));
  section('Review', factLines(reviewFacts(view)));
  if (view.choices.length > 0) lines.push('', `Choices: ${view.choices.join(', ')}`);
  if (view.id !== undefined) lines.push(`Proposal: ${view.id}`);
  return `${lines.join('\n')}\n`;
}

const factLines = (facts: Fact[]): string[] => facts.map((fact) => `${fact.name}: ${fact.value}`);
