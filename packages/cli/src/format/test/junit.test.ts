import { describe, expect, it } from 'vitest';
import { formatJunit } from './junit.js';
import { sampleReport } from './sample-report.js';

describe('formatJunit (oversight test)', () => {
  const xml = formatJunit(sampleReport());

  it('writes a testsuite a cases file and a testcase a case, named as in the file', () => {
    expect(xml).toContain('<testsuites name="oversight test" tests="3" failures="1" errors="1">');
    expect(xml).toContain('<testsuite name="policies/sample.cases.yaml" tests="2" failures="1" errors="0">\n    <testcase name="a small amount runs alone" classname="policies/sample.cases.yaml"/>');
  });

  it('gives a failed case a failure with what differs and the decision it got, XML-escaped', () => {
    expect(xml).toContain(
      '<testcase name="a &lt;large&gt; amount &amp; &quot;more&quot; runs alone" classname="policies/sample.cases.yaml"><failure type="failing-case" message="expected route auto, got approve_before; expected matched [small], got []">' +
        'policies/sample.cases.yaml:6:11 expected route auto, got approve_before; expected matched [small], got []\ngot: approve_before, matched [], reviewer lead</failure></testcase>',
    );
  });

  it('reports a file that could not run as an error, never as a pass', () => {
    expect(xml).toContain(
      '<testsuite name="policies/with, odd: 100%.cases.yaml" tests="1" failures="0" errors="1">\n    <testcase name="schema 2:8" classname="policies/with, odd: 100%.cases.yaml"><error type="schema" message="cases: must NOT have fewer than 1 items">',
    );
  });
});
