import { ANSWER_DECISIONS, type AnswerDecision } from '../types.js';
import { clip } from './clip.js';
import { displayValue } from './display-value.js';
import { escapeControls } from '@oversight/core/internal';
import type { PacketSource } from './packet-source.js';
import { routeWords } from './route-words.js';

/** One name and value of the action, the context or the impact. */
export interface Fact {
  name: string;
  value: string;
}

/**
 * A packet as every format shows it, in the order a reviewer needs it. Every
 * string here is readable text (cut to length, controls shown as escapes) but
 * not yet escaped for any format: each renderer escapes every one of them.
 */
export interface PacketView {
  heading: string;
  /** The route's id, `approve_before`: for machines and style sheets. */
  route: string;
  /** The route in words, `Needs approval before it runs`: for the reviewer. */
  routeText: string;
  /** `support-refunds@4`. */
  policy: string;
  why: string[];
  action: Fact[];
  context: Fact[];
  impact: Fact[];
  reviewer?: string;
  /** The deadline as given, with the SLA when known: `2026-12-02T14:00:00.000Z (SLA 4h)`. */
  deadline?: string;
  /** Shown only when more than one approval is needed: `1 of 2 given (ana as support-lead)`. */
  approvals?: string;
  choices: AnswerDecision[];
  /** The proposal's id as a reviewer reads it. */
  id?: string;
  /** The proposal's id exactly as given, for what an answer sends back (a button's value, a form field). */
  answerId?: string;
}

const readable = (text: string): string => escapeControls(clip(text));

const facts = (record: Record<string, unknown> | undefined): Fact[] =>
  Object.entries(record ?? {}).map(([name, value]) => ({ name: readable(name), value: readable(displayValue(value)) }));

/** Builds the view of a decision or proposal: pure, and the one place values are cut and made readable. */
export function packetView(source: PacketSource): PacketView {
  const packet = source.packet;
  const deadline = deadlineText(source.deadline, source.sla);
  const approvals = approvalsText(source);
  return {
    heading: readable(packet?.summary ?? 'Proposed action'),
    route: readable(source.route),
    routeText: readable(routeWords(source.route)),
    policy: readable(`${source.policy.name}@${source.policy.version}`),
    why: (packet?.why ?? []).map(readable),
    action: facts(packet?.action),
    context: facts(packet?.context),
    impact: facts(packet?.impact),
    ...(source.reviewer !== undefined && { reviewer: readable(source.reviewer) }),
    ...(deadline !== undefined && { deadline: readable(deadline) }),
    ...(approvals !== undefined && { approvals: readable(approvals) }),
    choices: answerChoices(packet?.choices ?? []),
    ...(source.id !== undefined && { id: readable(source.id), answerId: source.id }),
  };
}

function deadlineText(deadline: string | undefined, sla: string | undefined): string | undefined {
  if (deadline === undefined) return sla === undefined ? undefined : `SLA ${sla}`;
  return sla === undefined ? deadline : `${deadline} (SLA ${sla})`;
}

// One approval is the normal case and says nothing; M-of-N tells the reviewer others still must sign.
function approvalsText(source: PacketSource): string | undefined {
  const required = source.approvalsRequired ?? 1;
  if (!(required > 1)) return undefined;
  const given = source.approvals ?? [];
  const by = given.map((approval) => `${approval.reviewer.id} as ${approval.reviewer.role}`).join(', ');
  return `${given.length} of ${required} given${by === '' ? '' : ` (${by})`}`;
}

// Only the answers the gate accepts, each once: a choice becomes a button id, and
// Slack refuses a message whose buttons share one.
const answerChoices = (choices: readonly string[]): AnswerDecision[] =>
  ANSWER_DECISIONS.filter((answer) => choices.includes(answer)).sort((a, b) => choices.indexOf(a) - choices.indexOf(b));

/** Who answers, by when, and how many must: the review's own facts, labelled. */
export function reviewFacts(view: PacketView): Fact[] {
  return [
    ...(view.reviewer === undefined ? [] : [{ name: 'Reviewer', value: view.reviewer }]),
    ...(view.deadline === undefined ? [] : [{ name: 'Answer by', value: view.deadline }]),
    ...(view.approvals === undefined ? [] : [{ name: 'Approvals', value: view.approvals }]),
  ];
}
