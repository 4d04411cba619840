import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@oversight/core';
import { formatDiagnostics } from './diagnostics.js';

const diagnostic = (line: number, column: number, message: string, ruleId: string, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  ruleId,
  severity,
  message,
  file: 'policies/support-refunds.yaml',
  range: { start: { line, column }, end: { line, column: column + 3 } },
});

describe('formatDiagnostics', () => {
  it('writes file:line:col, the severity, the message and the rule id, one diagnostic a line', () => {
    const text = formatDiagnostics([
      diagnostic(15, 14, "spec.rules[0].route: 'aproved' is not a route", 'schema'),
      diagnostic(20, 3, 'rule never changes a decision', 'dead-rule', 'warning'),
    ]);
    expect(text).toBe(
      "policies/support-refunds.yaml:15:14  error  spec.rules[0].route: 'aproved' is not a route  (schema)\n" +
        'policies/support-refunds.yaml:20:3  warning  rule never changes a decision  (dead-rule)\n',
    );
  });

  it('writes nothing when there is nothing to report', () => {
    expect(formatDiagnostics([])).toBe('');
  });
});
