import { reviewFacts, type Fact, type PacketView } from './packet-view.js';

// Every ASCII punctuation character, each of which CommonMark lets a backslash
// make literal. Escaping them all, rather than guessing which could matter
// where, means a value can open no link, image, emphasis, code span, table
// cell, heading, list, HTML tag or entity, and (since `:` and `.` are among
// them) GFM cannot autolink a bare `https://…` or `www.…` either.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Text as Markdown that renders as the same text. Line breaks were already made
 * visible (`\n`) by the view, so a value cannot start a block of its own.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(PUNCTUATION, '\\$&');
}

/** A packet as Markdown, for a pull request, an issue or a chat that renders it. */
export function renderMarkdown(view: PacketView): string {
  const md = escapeMarkdown;
  const blocks = [`### ${md(view.heading)}`, `**${md(view.routeText)}** · policy ${md(view.policy)}`];
  const section = (title: string, items: string[]) => {
    if (items.length > 0) blocks.push(`**${title}**\n\n${items.map((item) => `- ${item}`).join('\n')}`);
  };
  section('Why', view.why.map(md));
  section('Proposed action', factItems(view.action));
  section('Context', factItems(view.context));
  section('Impact', factItems(view.impact));
  section('Review', factItems(reviewFacts(view)));
  if (view.choices.length > 0) blocks.push(`**Choices:** ${view.choices.map(md).join(' · ')}`);
  if (view.id !== undefined) blocks.push(`Proposal ${md(view.id)}`);
  return `${blocks.join('\n\n')}\n`;
}

const factItems = (facts: Fact[]): string[] => facts.map((fact) => `**${escapeMarkdown(fact.name)}**: ${escapeMarkdown(fact.value)}`);
