// The shipped policies lint with only their documented warnings (one
// irreversible-exemption per exempt rule), and every defect seeded into a copy
// of each is found with the right rule id.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../src/index.js';
import { NOW } from './policy-text.js';

const policiesDir = new URL('../../../policies/', import.meta.url);
const policies = readdirSync(policiesDir).filter((file) => file.endsWith('.yaml') && !/\.(cases|claims)\.yaml$/.test(file));

const lint = (text: string, file: string, baseText?: string) => lintPolicy(text, file, { now: NOW, baseText }).diagnostics;

/** A defect: how to seed it into a policy's text, and the rule that must report it. */
interface Defect {
  ruleId: string;
  seed(text: string): string;
}

const firstRule = /^ {4}- id: ([a-z0-9-]+)\n/m;
const DEFECTS: Defect[] = [
  { ruleId: 'valid-policy', seed: (t) => t.replace(/route: (approve_before|escalate)/, 'route: aproved') },
  { ruleId: 'duplicate-id', seed: (t) => t.replace(/(^ {4}- id: )[a-z0-9-]+(\n(?:[\s\S]*?))(^ {4}- id: )([a-z0-9-]+)/m, (_, a: string, body: string, b: string, id: string) => `${a}${id}${body}${b}${id}`) },
  { ruleId: 'undeclared-fact', seed: (t) => t.replace(/\{ fact: ([A-Za-z]+),/, '{ fact: $1Typo,') },
  { ruleId: 'undeclared-threshold', seed: (t) => t.replace(/\{ threshold: ([A-Za-z]+) \}/, '{ threshold: $1Typo }') },
  { ruleId: 'auto-default', seed: (t) => t.replace(/^ {2}default: \w+/m, '  default: auto') },
  { ruleId: 'irreversible-auto', seed: (t) => t.replace(firstRule, (rule) => `    - id: irreversible-only\n      when: { fact: irreversible, operator: equal, value: true }\n      route: auto\n${rule}`) },
  { ruleId: 'contradictory-condition', seed: (t) => t.replace(firstRule, (rule) => `    - id: never\n      when: { all: [{ fact: irreversible, operator: equal, value: true }, { fact: irreversible, operator: equal, value: false }] }\n      route: deny\n${rule}`) },
  // A rule's reviewer is owned by spec.reviewer when it has none, so the seed drops both.
  { ruleId: 'missing-reviewer', seed: (t) => t.replace(/^ {2}reviewer: [a-z-]+.*\n/m, '').replace(/(route: (?:approve_before|escalate|review_after)\n)\s+reviewer: [a-z-]+\n/, '$1') },
  { ruleId: 'catch-all-review', seed: (t) => t.replace(firstRule, (rule) => `    - id: everything\n      when: { any: [{ fact: irreversible, operator: equal, value: true }, { fact: irreversible, operator: equal, value: false }] }\n      route: approve_before\n      reviewer: ${/^ {4}([a-z0-9-]+):\n\s+sla:/m.exec(t)![1]}\n${rule}`) },
  { ruleId: 'threshold-out-of-range', seed: (t) => t.replace(/value: [0-9.]+\n(\s+)min: ([0-9.]+)/, 'value: -1\n$1min: $2') },
  { ruleId: 'threshold-unused', seed: (t) => t.replace(/^ {2}thresholds:\n/m, '  thresholds:\n    neverUsed: { value: 1 }\n') },
  { ruleId: 'fact-unused', seed: (t) => t.replace(/^ {2}facts:\n/m, '  facts:\n    neverUsed: { type: string }\n') },
  { ruleId: 'missing-packet-context', seed: (t) => t.replace(/^ {4}context: \[.*\]\n {4}impact: \[.*\]\n/m, '') },
  { ruleId: 'review-date-passed', seed: (t) => t.replace(/reviewBy: [0-9-]+/, 'reviewBy: 2026-01-01') },
  { ruleId: 'unsafe-regex', seed: (t) => t.replace(/^ {2}facts:\n/m, '  facts:\n    code: { type: string, pattern: "^(a+)+$" }\n').replace(/(summary: ")/, '$1{{code}} ') },
  { ruleId: 'disable-without-reason', seed: (t) => t.replace(/^( {6})(route: )/m, '$1# oversight-lint-disable-next-line shadowed-rule\n$1$2') },
  { ruleId: 'unused-disable', seed: (t) => t.replace(/^( {6})(route: )/m, '$1# oversight-lint-disable-next-line shadowed-rule -- none here\n$1$2') },
];

describe('the shipped policies', () => {
  for (const file of policies) {
    const text = readFileSync(new URL(file, policiesDir), 'utf8');

    it(`${file} lints with one irreversible-exemption warning per exempt rule, and nothing else`, () => {
      const exempt = (text.match(/exempt: \[irreversible\]/g) ?? []).length;
      expect(lint(text, file).map((d) => `${d.ruleId} ${d.severity}`)).toEqual(Array(exempt).fill('irreversible-exemption warning'));
    });

    for (const defect of DEFECTS) {
      it(`${file} with a seeded ${defect.ruleId} defect is reported as ${defect.ruleId}`, () => {
        const seeded = defect.seed(text);
        expect(seeded, 'the seed changed the text').not.toBe(text);
        expect(lint(seeded, file).map((d) => d.ruleId)).toContain(defect.ruleId);
      });
    }

    it(`${file} changed without a version bump is reported as version-not-bumped`, () => {
      expect(lint(text.replace(/auto: 0\.0\d/, 'auto: 0.5'), file, text).map((d) => d.ruleId)).toContain('version-not-bumped');
    });
  }

  it('a first-match policy with a rule moved below a broader one is reported as unreachable-rule', () => {
    const text = readFileSync(new URL('back-office-forms.yaml', policiesDir), 'utf8');
    const moved = text.replace(/( {4}- id: minor-mismatches\n[\s\S]*?reviewer: ap-specialist\n)/, '').replace(/( {4}- id: many-mismatches\n)/, (rule) => `    - id: minor-mismatches\n      when: { fact: mismatchedFields, operator: greaterThan, value: 0 }\n      route: review_after\n      reviewer: ap-specialist\n${rule}`);
    const finding = lint(moved, 'back-office-forms.yaml').find((d) => d.ruleId === 'unreachable-rule');
    expect(finding?.message).toMatch(/^rule 'many-mismatches' can never decide: under first-match every action it matches is matched first by 'minor-mismatches'\./);
  });

  it('a most-restrictive policy with a rule under a stricter copy is reported as shadowed-rule', () => {
    const text = readFileSync(new URL('support-refunds.yaml', policiesDir), 'utf8');
    const seeded = text.replace(/( {4}- id: above-hard-cap\n)/, (rule) => `    - id: big-review\n      when: { fact: amount, operator: greaterThan, value: 5000 }\n      route: review_after\n      reviewer: support-lead\n${rule}`);
    expect(lint(seeded, 'support-refunds.yaml').map((d) => d.ruleId)).toContain('shadowed-rule');
  });
});
