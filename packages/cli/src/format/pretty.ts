import { createColors } from 'picocolors';
import { ROUTES, type Route } from '@oversight/core';
import { escapeControls as shown } from './escape-controls.js';
import type { DecisionFormatter, EvaluatedLine, RouteTally } from './formatter.js';

export interface PrettyOptions {
  /** ANSI colour; the CLI turns it on only when stdout is a terminal. */
  color: boolean;
}

type Colors = ReturnType<typeof createColors>;
type Paint = (text: string) => string;
interface Style {
  colors: Colors;
  routes: Record<Route, Paint>;
}

const INDENT = '  ';

function routePaint(colors: Colors): Record<Route, Paint> {
  return {
    auto: colors.green,
    review_after: colors.cyan,
    approve_before: colors.yellow,
    escalate: colors.magenta,
    deny: colors.red,
  };
}

// Every string a decision carries may come from input (a fact value in a
// reason, a summary or an error), so it passes through `shown` on its way
// out; only the colours are ours to send to the terminal raw.

/**
 * A fact value as a reviewer should read it: strings quoted, objects as
 * compact JSON. JSON escapes C0 controls but leaves DEL, C1 and bidi marks.
 */
function showValue(value: unknown): string {
  return value === undefined ? 'undefined' : shown(JSON.stringify(value));
}

function section(title: string, lines: string[], colors: Colors): string[] {
  return lines.length === 0 ? [] : [`${INDENT}${colors.dim(title)}`, ...lines.map((line) => `${INDENT}${INDENT}${line}`)];
}

function factLines(facts: Record<string, unknown>): string[] {
  return Object.entries(facts).map(([name, value]) => `${shown(name)}: ${showValue(value)}`);
}

function formatDecisionBlock({ line, decision }: EvaluatedLine, { colors, routes }: Style): string {
  const paint = routes[decision.route];
  const lines = [`${colors.bold(`line ${line}`)}  ${paint(decision.route)}${decision.sampled ? colors.dim('  (QA sample)') : ''}`];

  lines.push(
    ...section(
      'matched',
      decision.matched.flatMap((rule) => [
        `${shown(rule.id)} -> ${rule.route}`,
        ...rule.because.map((reason) => `${INDENT}${shown(reason)}`),
      ]),
      colors,
    ),
  );
  lines.push(
    ...section(
      'undecided',
      decision.undecided.map((rule) => `${shown(rule.id)} -> ${rule.route}  (missing: ${shown(rule.missing.join(', '))})`),
      colors,
    ),
  );
  if (decision.error !== undefined) {
    const fact = decision.error.fact === undefined ? '' : ` (fact: ${shown(decision.error.fact)})`;
    lines.push(`${INDENT}${colors.red(`error ${shown(decision.error.code)}`)}: ${shown(decision.error.message)}${fact}`);
  }
  if (decision.reviewer !== undefined || decision.sla !== undefined) {
    const terms = [decision.sla === undefined ? undefined : `SLA ${decision.sla}`, decision.deadline === undefined ? undefined : `due ${decision.deadline}`];
    const detail = shown(terms.filter((term) => term !== undefined).join(', '));
    lines.push(`${INDENT}${colors.dim('reviewer')} ${decision.reviewer === undefined ? '(none named)' : shown(decision.reviewer)}${detail === '' ? '' : `  (${detail})`}`);
  }
  const packet = decision.packet;
  if (packet !== undefined) {
    lines.push(`${INDENT}${colors.dim('summary')} ${shown(packet.summary)}`);
    lines.push(...section('why', packet.why.map(shown), colors));
    lines.push(...section('context', factLines(packet.context), colors));
    lines.push(...section('impact', factLines(packet.impact), colors));
    lines.push(`${INDENT}${colors.dim('choices')} ${shown(packet.choices.join(', '))}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** "5 decisions: 2 auto, 3 approve_before; 1 with an error" — routes in order of restriction, zeros left out. */
function formatSummary(tally: RouteTally, { colors, routes }: Style): string {
  const counts = ROUTES.filter((route) => tally.routes[route] > 0).map((route) => `${tally.routes[route]} ${routes[route](route)}`);
  const noun = tally.total === 1 ? 'decision' : 'decisions';
  const head = counts.length === 0 ? `${tally.total} ${noun}` : `${tally.total} ${noun}: ${counts.join(', ')}`;
  const errors = tally.errors === 0 ? '' : `; ${colors.red(`${tally.errors} with an error`)}`;
  return `${head}${errors}\n`;
}

/**
 * For people at a terminal: per action, its line and route, the rules that
 * matched with their reasons, what could not be decided, the error, who
 * reviews by when, and the packet a reviewer would see; then one summary line.
 */
export function createPrettyFormatter(options: PrettyOptions): DecisionFormatter {
  const colors = createColors(options.color);
  const style: Style = { colors, routes: routePaint(colors) };
  return {
    decision: (entry) => formatDecisionBlock(entry, style),
    end: (tally) => formatSummary(tally, style),
  };
}

