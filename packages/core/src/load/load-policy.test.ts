import { describe, expect, it } from 'vitest';
import type { Diagnostic, Position, Range } from '../types.js';
import { loadPolicy } from './load-policy.js';

const FILE = 'policies/support-refunds.yaml';

// A small, valid support-refunds policy. Each failing case below edits one line of it.
const POLICY = `# yaml-language-server: $schema=../schemas/policy.schema.json
apiVersion: oversight/v1
kind: RoutingPolicy
metadata:
  name: support-refunds
  version: 3
  owner: customer-support-operations
  reviewBy: 2027-03-31
spec:
  strategy: most-restrictive
  default: approve_before
  onError: escalate
  facts:
    actionType: { type: string, enum: [refund, store_credit] }
    amount: { type: number, exclusiveMinimum: 0 }
    confidence: { type: number, minimum: 0, maximum: 1 }
    recentClaims: { type: integer, minimum: 0 }
    irreversible: { type: boolean }
  thresholds:
    autoRefundMax: { value: 50, min: 0, max: 200 }
    minConfidence: { value: 0.9, min: 0.5, max: 1 }
    maxRecentClaims: { value: 2, min: 0 }
  reviewers:
    support-lead: { sla: 4h, escalateTo: support-manager }
    support-manager: { sla: 1d }
  rules:
    - id: repeat-claimant
      when: { fact: recentClaims, operator: greaterThan, value: { threshold: maxRecentClaims } }
      route: escalate
      reviewer: support-manager
    - id: refund-needs-approval
      when:
        any:
          - { fact: amount, operator: greaterThan, value: { threshold: autoRefundMax } }
          - { fact: confidence, operator: lessThan, value: { threshold: minConfidence } }
      route: approve_before
      reviewer: support-lead
    - id: small-confident-refund
      when:
        all:
          - { fact: amount, operator: lessThanInclusive, value: { threshold: autoRefundMax } }
          - { fact: confidence, operator: greaterThanInclusive, value: { threshold: minConfidence } }
      route: auto
      exempt: [irreversible]
      justification: Small refunds cost less to write off than to review.
  packet:
    summary: "{{actionType}} of {{amount}} ({{recentClaims}} recent claims)"
    context: [recentClaims, confidence]
    impact: [amount]
`;

// The same content as POLICY written by another hand: keys reordered, block and
// flow styles swapped, other quoting, comments added.
const POLICY_REFORMATTED = `# Support refunds, as another editor wrote it.
kind: RoutingPolicy
apiVersion: "oversight/v1"
spec:
  rules:
    - route: escalate
      reviewer: support-manager
      id: repeat-claimant
      when:
        value: { threshold: maxRecentClaims }
        operator: greaterThan
        fact: recentClaims
    - id: refund-needs-approval
      route: approve_before   # a team lead approves first
      reviewer: support-lead
      when: { any: [ { fact: amount, operator: greaterThan, value: { threshold: autoRefundMax } }, { fact: confidence, operator: lessThan, value: { threshold: minConfidence } } ] }
    - id: small-confident-refund
      justification: >-
        Small refunds cost less to write off than to review.
      exempt:
        - irreversible
      route: auto
      when:
        all:
          - fact: amount
            operator: lessThanInclusive
            value:
              threshold: autoRefundMax
          - fact: confidence
            operator: greaterThanInclusive
            value:
              threshold: minConfidence
  onError: escalate
  default: approve_before
  strategy: most-restrictive
  facts:
    actionType:
      enum:
        - refund
        - store_credit
      type: string
    amount:
      exclusiveMinimum: 0
      type: number
    confidence: { maximum: 1.0, minimum: 0, type: number }
    recentClaims: { minimum: 0, type: integer }
    irreversible: { type: boolean }
  thresholds: { maxRecentClaims: { min: 0, value: 2 }, minConfidence: { max: 1, min: 0.5, value: 0.90 }, autoRefundMax: { max: 200, min: 0, value: 50 } }
  reviewers:
    support-manager:
      sla: 1d
    support-lead:
      escalateTo: support-manager
      sla: 4h
  packet:
    impact: [amount]
    context:
      - recentClaims
      - confidence
    summary: '{{actionType}} of {{amount}} ({{recentClaims}} recent claims)'
metadata:
  reviewBy: '2027-03-31'
  owner: customer-support-operations
  version: 3
  name: support-refunds
`;

/** POLICY with the one line equal to `line` replaced by `replacement` (one or more lines), or removed. */
function editLine(line: string, replacement: string | null, text = POLICY): string {
  const lines = text.split('\n');
  const index = lines.indexOf(line);
  if (index < 0 || lines.lastIndexOf(line) !== index) throw new Error(`fixture: expected exactly one line ${JSON.stringify(line)}`);
  lines.splice(index, 1, ...(replacement === null ? [] : replacement.split('\n')));
  return lines.join('\n');
}

/** Where `token` starts in the `nth` line of `text` equal to `line`: 1-based line and column. */
function positionOf(text: string, line: string, token: string, nth = 1): Position {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== line || ++seen < nth) continue;
    const column = line.indexOf(token);
    if (column < 0) throw new Error(`fixture: ${JSON.stringify(token)} is not in ${JSON.stringify(line)}`);
    return { line: i + 1, column: column + 1 };
  }
  throw new Error(`fixture: no line ${JSON.stringify(line)} (occurrence ${nth})`);
}

/** The range a one-line token covers (end exclusive, as editors underline it). */
function spanOf(text: string, line: string, token: string, nth = 1): Range {
  const start = positionOf(text, line, token, nth);
  return { start, end: { line: start.line, column: start.column + token.length } };
}

/** Loads `text`, expects it rejected, and checks every diagnostic is complete and placed in the file. */
function rejected(text: string): Diagnostic[] {
  const result = loadPolicy(text, FILE);
  if (result.ok) throw new Error('expected the policy to be rejected, but it loaded');
  expect(result.diagnostics.length).toBeGreaterThan(0);
  const lineCount = text.split('\n').length;
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.file).toBe(FILE);
    expect(diagnostic.ruleId).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(diagnostic.severity).toBe('error');
    expect(diagnostic.message.length).toBeGreaterThan(0);
    const { start, end } = diagnostic.range;
    for (const position of [start, end]) {
      expect(Number.isInteger(position.line) && Number.isInteger(position.column)).toBe(true);
      expect(position.line).toBeGreaterThanOrEqual(1);
      expect(position.column).toBeGreaterThanOrEqual(1);
      expect(position.line).toBeLessThanOrEqual(lineCount);
    }
    expect(end.line > start.line || (end.line === start.line && end.column >= start.column)).toBe(true);
  }
  return result.diagnostics;
}

/** Expects exactly one diagnostic and returns it. */
function onlyDiagnostic(text: string): Diagnostic {
  const diagnostics = rejected(text);
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0]!;
}

describe('loadPolicy: a valid policy', () => {
  it('loads with ok: true, the parsed policy, a sha256 content hash and no warnings', () => {
    const result = loadPolicy(POLICY, FILE);
    if (!result.ok) throw new Error(`expected the policy to load: ${JSON.stringify(result.diagnostics)}`);
    expect(result.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.warnings).toEqual([]);
    expect(result.policy.metadata).toEqual({ name: 'support-refunds', version: 3, owner: 'customer-support-operations', reviewBy: '2027-03-31' });
    expect(result.policy.spec.rules.map((rule) => [rule.id, rule.route])).toEqual([
      ['repeat-claimant', 'escalate'],
      ['refund-needs-approval', 'approve_before'],
      ['small-confident-refund', 'auto'],
    ]);
    expect(result.policy.spec.thresholds?.autoRefundMax).toEqual({ value: 50, min: 0, max: 200 });
  });

  it('gives the same hash when the YAML is reformatted: key order, flow or block style, quoting, comments', () => {
    const original = loadPolicy(POLICY, FILE);
    const reformatted = loadPolicy(POLICY_REFORMATTED, FILE);
    if (!original.ok || !reformatted.ok) throw new Error('expected both versions to load');
    expect(reformatted.policy).toEqual(original.policy);
    expect(reformatted.hash).toBe(original.hash);
  });

  it('gives the same hash for the policy written as JSON (all flow style) and with comments added', () => {
    const original = loadPolicy(POLICY, FILE);
    if (!original.ok) throw new Error('expected the policy to load');
    const asJson = loadPolicy(JSON.stringify(original.policy, null, 2), FILE);
    const commented = loadPolicy(
      editLine('  thresholds:', '  # thresholds are revisited every quarter\n  thresholds:  # see the refunds dashboard'),
      FILE,
    );
    expect(asJson.ok && asJson.hash).toBe(original.hash);
    expect(commented.ok && commented.hash).toBe(original.hash);
  });

  it('gives a different hash when a threshold value changes', () => {
    const original = loadPolicy(POLICY, FILE);
    const raised = loadPolicy(editLine('    autoRefundMax: { value: 50, min: 0, max: 200 }', '    autoRefundMax: { value: 60, min: 0, max: 200 }'), FILE);
    if (!original.ok || !raised.ok) throw new Error('expected both versions to load');
    expect(raised.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(raised.hash).not.toBe(original.hash);
  });

  it('accepts a few YAML anchors and aliases used to share a condition', () => {
    const text = editLine(
      '          - { fact: amount, operator: greaterThan, value: { threshold: autoRefundMax } }',
      '          - &overLimit { fact: amount, operator: greaterThan, value: { threshold: autoRefundMax } }',
    ).replace(
      '          - { fact: amount, operator: lessThanInclusive, value: { threshold: autoRefundMax } }',
      '          - { not: *overLimit }',
    );
    const result = loadPolicy(text, FILE);
    if (!result.ok) throw new Error(`expected the policy to load: ${JSON.stringify(result.diagnostics)}`);
    expect(result.policy.spec.rules[2]!.when).toEqual({
      all: [
        { not: { fact: 'amount', operator: 'greaterThan', value: { threshold: 'autoRefundMax' } } },
        { fact: 'confidence', operator: 'greaterThanInclusive', value: { threshold: 'minConfidence' } },
      ],
    });
  });
});

describe('loadPolicy: schema errors', () => {
  it('rejects a typo in a route with one diagnostic naming the allowed routes, on the value', () => {
    const text = editLine('      route: approve_before', '      route: aproved');
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('schema');
    expect(diagnostic.message).toBe("spec.rules[1].route: 'aproved' is not one of auto, review_after, approve_before, escalate, deny");
    expect(diagnostic.range).toEqual(spanOf(text, '      route: aproved', 'aproved'));
  });

  it('rejects onError: auto, since a policy must fail closed', () => {
    const text = editLine('  onError: escalate', '  onError: auto');
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('schema');
    expect(diagnostic.message).toMatch(/^spec.onError: 'auto' is not one of approve_before, escalate, deny: an action that could not be evaluated must not run before a person looks/);
    expect(diagnostic.range).toEqual(spanOf(text, '  onError: auto', 'auto'));
  });

  it('rejects onError: review_after on its line, since review_after runs the action before anyone looks', () => {
    const text = editLine('  onError: escalate', '  onError: review_after');
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.message).toMatch(/^spec.onError: 'review_after' is not one of approve_before, escalate, deny: .*review_after runs the action first/);
    expect(diagnostic.range).toEqual(spanOf(text, '  onError: review_after', 'review_after'));
  });

  it("suggests 'route' for an unknown field 'rout', on the field's key", () => {
    const text = editLine('      route: escalate', '      rout: escalate');
    const diagnostics = rejected(text);
    const unknown = diagnostics.find((d) => d.message.includes("unknown field 'rout'"));
    expect(unknown?.ruleId).toBe('schema');
    expect(unknown?.message).toMatch(/^spec\.rules\[0\]\.rout: unknown field 'rout' — did you mean 'route'\?/);
    expect(unknown?.range).toEqual(spanOf(text, '      rout: escalate', 'rout'));
  });

  it('rejects a missing required field, naming it, where its mapping starts', () => {
    const text = editLine('  owner: customer-support-operations', null);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('schema');
    expect(diagnostic.message).toBe("metadata: missing required field 'owner'");
    expect(diagnostic.range.start).toEqual(positionOf(text, '  name: support-refunds', 'name'));
  });

  it('rejects a reserved fact name such as constructor, on its key', () => {
    const text = editLine('    irreversible: { type: boolean }', '    irreversible: { type: boolean }\n    constructor: { type: string }');
    const diagnostics = rejected(text);
    expect(diagnostics.some((d) => d.ruleId === 'schema' && /'constructor' is (a reserved name|not a valid name)/.test(d.message))).toBe(true);
    // Every diagnostic points at the offending key, not at another fact.
    for (const diagnostic of diagnostics) {
      expect(diagnostic.range).toEqual(spanOf(text, '    constructor: { type: string }', 'constructor'));
    }
  });
});

describe('loadPolicy: references and meaning', () => {
  it('names an undeclared fact in a condition and suggests the close declared name', () => {
    const line = '          - { fact: confidense, operator: lessThan, value: { threshold: minConfidence } }';
    const text = editLine('          - { fact: confidence, operator: lessThan, value: { threshold: minConfidence } }', line);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('undeclared-fact');
    expect(diagnostic.message).toMatch(/^spec\.rules\[1\]\.when\.any\[1\]\.fact: 'confidense' is not a declared fact/);
    expect(diagnostic.message).toContain("did you mean 'confidence'?");
    expect(diagnostic.range).toEqual(spanOf(text, line, 'confidense'));
  });

  it('names an undeclared threshold and suggests the close declared name', () => {
    const line = '          - { fact: amount, operator: greaterThan, value: { threshold: autoRefundMx } }';
    const text = editLine('          - { fact: amount, operator: greaterThan, value: { threshold: autoRefundMax } }', line);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('undeclared-threshold');
    expect(diagnostic.message).toMatch(/^spec\.rules\[1\]\.when\.any\[0\]\.value\.threshold: 'autoRefundMx' is not a declared threshold/);
    expect(diagnostic.message).toContain("did you mean 'autoRefundMax'?");
    expect(diagnostic.range).toEqual(spanOf(text, line, 'autoRefundMx'));
  });

  it('names an undeclared reviewer role and suggests the close declared one', () => {
    const text = editLine('      reviewer: support-lead', '      reviewer: support-leed');
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('undeclared-reviewer');
    expect(diagnostic.message).toMatch(/^spec\.rules\[1\]\.reviewer: 'support-leed' is not a declared reviewer role/);
    expect(diagnostic.message).toContain("did you mean 'support-lead'?");
    expect(diagnostic.range).toEqual(spanOf(text, '      reviewer: support-leed', 'support-leed'));
  });

  it('names an undeclared spec.reviewer, the owner of decisions no rule assigns', () => {
    const text = editLine('  onError: escalate', '  onError: escalate\n  reviewer: support-leed');
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('undeclared-reviewer');
    expect(diagnostic.message).toMatch(/^spec\.reviewer: 'support-leed' is not a declared reviewer role.*did you mean 'support-lead'\?/);
    expect(diagnostic.range).toEqual(spanOf(text, '  reviewer: support-leed', 'support-leed'));
  });

  it('refuses an escalation chain that comes back to where it started', () => {
    const text = editLine('    support-manager: { sla: 1d }', '    support-manager: { sla: 1d, escalateTo: support-lead }');
    const diagnostics = rejected(text).filter((d) => d.ruleId === 'escalation-cycle');
    expect(diagnostics.map((d) => d.message)).toEqual([
      "spec.reviewers.support-lead.escalateTo: escalation from 'support-lead' comes back to it (support-lead → support-manager → support-lead): an escalation chain must end at a role with no escalateTo",
      "spec.reviewers.support-manager.escalateTo: escalation from 'support-manager' comes back to it (support-manager → support-lead → support-manager): an escalation chain must end at a role with no escalateTo",
    ]);
  });

  it('refuses a warning that would come before the review starts', () => {
    const text = editLine('    support-manager: { sla: 1d }', '    support-manager: { sla: 1d, warnBefore: 2d }');
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('warning-after-start');
    expect(diagnostic.message).toContain('warnBefore 2d is not shorter than the SLA 1d');
  });

  it.each([
    ['a numeric operator on a string fact', '    actionType: { type: string, enum: [refund, store_credit] }', `greaterThan compares numbers, but fact 'actionType' is declared as "string"`],
    ['a numeric operator on a fact with no declared type', '    actionType: { enum: [refund, store_credit] }', "greaterThan compares numbers, but fact 'actionType' has no declared type: declare type: number (or integer) at spec.facts.actionType"],
  ])('refuses %s at load, whatever the order of the conditions around it', (_, declaration, message) => {
    const line = '          - { fact: actionType, operator: greaterThan, value: 5 }';
    const text = editLine('          - { fact: confidence, operator: lessThan, value: { threshold: minConfidence } }', line, editLine('    actionType: { type: string, enum: [refund, store_credit] }', declaration));
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('operator-type');
    expect(diagnostic.message).toContain(`spec.rules[1].when.any[1].operator: ${message}`);
    expect(diagnostic.range).toEqual(spanOf(text, line, 'greaterThan'));
  });

  it('refuses contains on a fact not declared as a list', () => {
    const line = '          - { fact: actionType, operator: contains, value: refund }';
    const text = editLine('          - { fact: confidence, operator: lessThan, value: { threshold: minConfidence } }', line);
    expect(onlyDiagnostic(text).message).toContain(`contains looks inside a list, but fact 'actionType' is declared as "string"; compare it with equal / in, or declare type: array at spec.facts.actionType`);
  });

  it('follows a path through the declared properties to the type it compares', () => {
    const line = '          - { fact: customer, path: $.account.risk, operator: greaterThan, value: 5 }';
    const withPath = (declaration: string) =>
      editLine('          - { fact: confidence, operator: lessThan, value: { threshold: minConfidence } }', line, editLine('    irreversible: { type: boolean }', `    irreversible: { type: boolean }\n    customer: ${declaration}`));
    expect(loadPolicy(withPath('{ type: object, properties: { account: { type: object, properties: { risk: { type: [number, "null"] } } } } }'), FILE).ok).toBe(true);
    expect(onlyDiagnostic(withPath('{ type: object, properties: { account: { type: object } } }')).message).toContain(
      "greaterThan compares numbers, but 'customer.account.risk' has no declared type: declare type: number (or integer) at spec.facts.customer.properties.account.properties.risk",
    );
    // Without type: object a list would pass the schema and its fields would go unchecked.
    expect(rejected(withPath('{ properties: { account: { type: object, properties: { risk: { type: number } } } } }')).map((d) => d.ruleId)).toContain('operator-type');
  });

  it('reports a duplicate rule id once, on the second id, naming the first rule', () => {
    const text = editLine('    - id: small-confident-refund', '    - id: refund-needs-approval');
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('duplicate-id');
    expect(diagnostic.message).toMatch(/^spec\.rules\[2\]\.id: rule id 'refund-needs-approval' is already used by spec\.rules\[1\]/);
    expect(diagnostic.range).toEqual(spanOf(text, '    - id: refund-needs-approval', 'refund-needs-approval', 2));
  });

  it('rejects exempt: [irreversible] without a justification, on the exemption', () => {
    const text = editLine('      justification: Small refunds cost less to write off than to review.', null);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('missing-justification');
    expect(diagnostic.message).toMatch(/^spec\.rules\[2\]\.exempt: .*justification/);
    expect(diagnostic.range).toEqual(spanOf(text, '      exempt: [irreversible]', '[irreversible]'));
  });

  it('rejects a fact schema with an unknown keyword (minimun), naming the keyword, on the schema', () => {
    const line = '    recentClaims: { type: integer, minimun: 0 }';
    const text = editLine('    recentClaims: { type: integer, minimum: 0 }', line);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('invalid-fact-schema');
    expect(diagnostic.message).toMatch(/^spec\.facts\.recentClaims: .*minimun/);
    expect(diagnostic.range).toEqual(spanOf(text, line, '{ type: integer, minimun: 0 }'));
  });

  it('rejects a fact schema the JSON Schema meta-schema rejects (multipleOf 0, a negative minLength), saying why', () => {
    for (const [schema, why] of [
      ['{ type: integer, multipleOf: 0 }', /schema is invalid: .*multipleOf must be > 0/],
      ['{ type: integer, minLength: -1 }', /schema is invalid: .*minLength must be >= 0/],
    ] as const) {
      const line = `    recentClaims: ${schema}`;
      const diagnostic = onlyDiagnostic(editLine('    recentClaims: { type: integer, minimum: 0 }', line));
      expect(diagnostic.ruleId).toBe('invalid-fact-schema');
      expect(diagnostic.message).toMatch(why);
    }
  });

  it('rejects a review date that is not a day of the calendar (2027-02-31), on the date', () => {
    const text = editLine('  reviewBy: 2027-03-31', '  reviewBy: 2027-02-31');
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('invalid-date');
    expect(diagnostic.message).toBe('metadata.reviewBy: 2027-02-31 is not a day of the calendar: write the date the thresholds are revisited by as YYYY-MM-DD');
    expect(diagnostic.range).toEqual(spanOf(text, '  reviewBy: 2027-02-31', '2027-02-31'));
  });

  it('rejects a numeric operator on a fact declared as a string, on the operator', () => {
    const line = '      when: { fact: actionType, operator: greaterThan, value: 5 }';
    const text = editLine('      when: { fact: recentClaims, operator: greaterThan, value: { threshold: maxRecentClaims } }', line);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('operator-type');
    expect(diagnostic.message).toMatch(/^spec\.rules\[0\]\.when\.operator: greaterThan compares numbers, but fact 'actionType' is declared as "string"/);
    expect(diagnostic.range).toEqual(spanOf(text, line, 'greaterThan'));
  });

  it('rejects in with a single value instead of a list, on the value', () => {
    const line = '      when: { fact: actionType, operator: in, value: refund }';
    const text = editLine('      when: { fact: recentClaims, operator: greaterThan, value: { threshold: maxRecentClaims } }', line);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('operator-type');
    expect(diagnostic.message).toMatch(/^spec\.rules\[0\]\.when\.value: in needs a list of values/);
    expect(diagnostic.range).toEqual(spanOf(text, line, 'refund'));
  });

  it('rejects a packet summary placeholder that names no declared fact, naming the placeholder', () => {
    const line = '    summary: "{{actionType}} of {{amount}} for {{customerName}}"';
    const text = editLine('    summary: "{{actionType}} of {{amount}} ({{recentClaims}} recent claims)"', line);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('undeclared-fact');
    expect(diagnostic.message).toMatch(/^spec\.packet\.summary: \{\{customerName\}\} names no declared fact/);
    expect(diagnostic.range).toEqual(spanOf(text, line, '"{{actionType}} of {{amount}} for {{customerName}}"'));
  });
});

describe('loadPolicy: text that is not a policy', () => {
  it('reports bad indentation once, as yaml-syntax, at the start of the mis-indented line', () => {
    const line = '   amount: { type: number, exclusiveMinimum: 0 }';
    const text = editLine('    amount: { type: number, exclusiveMinimum: 0 }', line);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('yaml-syntax');
    expect(diagnostic.message).toMatch(/^YAML: .*check the indentation/);
    expect(diagnostic.range.start).toEqual({ line: positionOf(text, line, 'amount').line, column: 1 });
  });

  it('reports a rule field indented less than its siblings once, as yaml-syntax, on that line', () => {
    const line = '     route: escalate';
    const text = editLine('      route: escalate', line);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('yaml-syntax');
    expect(diagnostic.message).toContain('check the indentation');
    expect(diagnostic.range.start).toEqual({ line: positionOf(text, line, 'route').line, column: 1 });
  });

  it('rejects an empty file', () => {
    const diagnostic = onlyDiagnostic('');
    expect(diagnostic.ruleId).toBe('empty-policy');
    expect(diagnostic.range.start).toEqual({ line: 1, column: 1 });
  });

  it('rejects a file that holds only comments as empty', () => {
    const diagnostic = onlyDiagnostic('# support-refunds: to be written\n\n');
    expect(diagnostic.ruleId).toBe('empty-policy');
  });

  it('rejects a binary file (a NUL byte) without parsing it', () => {
    const diagnostic = onlyDiagnostic('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\u0000');
    expect(diagnostic.ruleId).toBe('not-text');
    expect(diagnostic.range.start).toEqual({ line: 1, column: 1 });
  });

  it('rejects a YAML alias bomb (billion laughs) without expanding it', () => {
    const levels = 'abcdefghi'.split('');
    const bomb = levels
      .map((name, i) => {
        const items = i === 0 ? Array(9).fill('lol') : Array(9).fill(`*${levels[i - 1]}`);
        return `${name}: &${name} [${items.join(', ')}]`;
      })
      .join('\n');
    const diagnostic = onlyDiagnostic(bomb + '\n');
    expect(diagnostic.ruleId).toBe('yaml-syntax');
    expect(diagnostic.message).toMatch(/anchors and aliases may repeat a value, not multiply it$/);
    // On the first alias (`b: &b [*a, ...` on line 2), not at 1:1.
    expect(diagnostic.range).toEqual({ start: { line: 2, column: 8 }, end: { line: 2, column: 10 } });
  });

  it('rejects a policy nesting aliases inside its spec (billion laughs in a condition)', () => {
    const text = editLine(
      '  rules:',
      [
        '  rules:',
        '    - id: laugh',
        '      when:',
        '        any:',
        '          - &l0 { fact: amount, operator: greaterThan, value: 1 }',
        '          - &l1 { any: [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0] }',
        '          - &l2 { any: [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1] }',
        '          - &l3 { any: [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2] }',
        '          - &l4 { any: [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3] }',
        '          - &l5 { any: [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4] }',
        '          - &l6 { any: [*l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5] }',
        '          - &l7 { any: [*l6, *l6, *l6, *l6, *l6, *l6, *l6, *l6, *l6, *l6] }',
        '      route: deny',
      ].join('\n'),
    );
    expect(onlyDiagnostic(text).ruleId).toBe('yaml-syntax');
  });

  it('rejects a text over 5 MB as file-too-large before parsing it', () => {
    const padding = '# generated changelog line that someone pasted by mistake\n'.repeat(Math.ceil((6 * 1024 * 1024) / 58));
    const text = POLICY + padding;
    expect(text.length).toBeGreaterThan(6 * 1024 * 1024);
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic.ruleId).toBe('file-too-large');
    expect(diagnostic.message).toContain('5 MB');
    expect(diagnostic.range.start).toEqual({ line: 1, column: 1 });
  });
});

describe('loadPolicy: fact schemas use standard formats', () => {
  it('accepts a fact declared with format: date-time and evaluates against it', async () => {
    const { compilePolicy, evaluate } = await import('../index.js');
    const text = `apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: dated-actions, version: 1, owner: platform }
spec:
  onError: escalate
  facts:
    requestedAt: { type: string, format: date-time }
  rules:
    - id: has-date
      when: { fact: requestedAt, operator: notEqual, value: "" }
      route: review_after
`;
    const loaded = loadPolicy(text, 'dated.yaml');
    expect(loaded.ok ? [] : loaded.diagnostics).toEqual([]);
    if (!loaded.ok) return;
    const plan = compilePolicy(loaded.policy);
    expect(evaluate(plan, { requestedAt: '2026-11-25T10:00:00Z' }).route).toBe('review_after');
    expect(evaluate(plan, { requestedAt: 'next tuesday' }).error?.code).toBe('invalid-fact');
  });
});
