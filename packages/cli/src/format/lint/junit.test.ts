import { describe, expect, it } from 'vitest';
import { formatJunit } from './junit.js';
import { sampleReport } from './sample-report.js';

describe('formatJunit', () => {
  it('writes one testsuite a file: a clean file passes, an error fails, a warning passes with its text', () => {
    const xml = formatJunit(sampleReport());
    expect(xml).toContain('<testsuites name="oversight lint" tests="3" failures="1">');
    expect(xml).toContain('<testsuite name="policies/clean.yaml" tests="1" failures="0" errors="0">\n    <testcase name="policies/clean.yaml" classname="policies/clean.yaml"/>');
    expect(xml).toContain('<testcase name="missing-reviewer 19:14" classname="policies/with, problems: 100%.yaml"><failure type="missing-reviewer" message="rule \'big\' sends actions to a person');
    expect(xml).toContain('<testcase name="review-date-passed 7:13" classname="policies/with, problems: 100%.yaml"><system-out>warning policies/with, problems: 100%.yaml:7:13 metadata.reviewBy 2026-01-31 has passed');
  });
});
