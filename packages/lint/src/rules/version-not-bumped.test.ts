import { describe, expect, it } from 'vitest';
import { applyFixes } from '../fix.js';
import { at, lintWith, policyText } from '../../test/policy-text.js';
import { versionNotBumped } from './version-not-bumped.js';

const rules = (limit: number) => `    - id: a\n      when: { fact: amount, operator: greaterThan, value: ${limit} }\n      route: deny\n`;
const base = policyText({ rules: rules(100) });

describe('version-not-bumped', () => {
  it('reports changed content under the base version, at the version, with a fix that bumps it', () => {
    const changed = policyText({ rules: rules(200) }).replace('  version: 1\n', '  version: 1 # bump me\n');
    const [finding] = lintWith(versionNotBumped, changed, { baseText: base });
    expect(finding?.message).toMatch(/^the policy changed since the base revision but metadata.version is still 1: bump it to 2/);
    expect(at(finding)).toBe('5:12-5:13');
    expect(applyFixes(changed, [finding!]).text).toBe(changed.replace('  version: 1 # bump me\n', '  version: 2 # bump me\n'));
  });

  it('does not report unchanged content, a bumped version, or a run without a base', () => {
    expect(lintWith(versionNotBumped, base, { baseText: base })).toEqual([]);
    expect(lintWith(versionNotBumped, policyText({ rules: rules(200) }).replace('version: 1', 'version: 2'), { baseText: base })).toEqual([]);
    expect(lintWith(versionNotBumped, policyText({ rules: rules(200) }))).toEqual([]);
  });
});
