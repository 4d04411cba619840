import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runOversight as oversight } from '../../test/memory-io.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const shipped = readdirSync(join(ROOT, 'policies')).filter((file) => file.endsWith('.claims.yaml'));
const REFUNDS = readFileSync(join(ROOT, 'policies/support-refunds.yaml'), 'utf8');
const CLAIMS = readFileSync(join(ROOT, 'policies/support-refunds.claims.yaml'), 'utf8');

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-prove-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('oversight prove', () => {
  it.each(shipped)('holds every claim of policies/%s over every input', async (claims) => {
    const result = await oversight(ROOT, 'prove', `policies/${claims.replace('.claims.yaml', '.yaml')}`);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Claims from policies/${claims}`);
    expect(result.stdout).not.toContain('❌');
    expect(result.exitCode).toBe(0);
  });

  it('fails the refunds claim with an example oversight eval reproduces when an exemption is added to an auto rule', async () => {
    const seeded = REFUNDS.replace('    - id: small-store-credit\n', '    - id: small-store-credit\n      exempt: [irreversible]\n      justification: seeded defect\n');
    const dir = workspace({ 'refunds.yaml': seeded, 'refunds.claims.yaml': CLAIMS });
    const result = await oversight(dir, 'prove', 'refunds.yaml', '--format', 'json');
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as { holds: boolean; results: { name: string; holds: boolean; failures: { example: Record<string, unknown>; note: string }[] }[] };
    const claim = report.results.find((each) => each.name.startsWith('irreversible refunds wait'))!;
    expect(claim.holds).toBe(false);
    expect(claim.failures[0]!.note).toContain('small-store-credit');
    writeFileSync(join(dir, 'example.jsonl'), JSON.stringify(claim.failures[0]!.example));
    const decision = JSON.parse((await oversight(dir, 'eval', 'refunds.yaml', 'example.jsonl')).stdout) as { route: string };
    expect(decision.route).toBe('auto');
    expect(claim.failures[0]!.example.irreversible).toBe(true);
    // The other claims still hold.
    expect(report.results.filter((each) => !each.holds).map((each) => each.name)).toEqual([claim.name]);
  });

  it('checks the built-in claims of a policy without a claims file, and one claim with --claim', async () => {
    const dir = workspace({ 'refunds.yaml': REFUNDS });
    const all = await oversight(dir, 'prove', 'refunds.yaml');
    expect(all.stdout).toContain('The built-in claims');
    // The refunds policy sends unmatched inputs to its default (approve_before) by design: no-default fails, with the regions.
    expect(all.stdout).toContain('❌ **no-default** fails, for example:');
    expect(all.exitCode).toBe(1);
    const one = await oversight(dir, 'prove', 'refunds.yaml', '--claim', 'irreversible-waits');
    expect(one.stdout).toContain('✅ **irreversible-waits** holds');
    expect(one.stdout).toContain('stated: auto before a person looks, through the exemption of small-confident-refund');
    expect(one.exitCode).toBe(0);
    const typo = await oversight(dir, 'prove', 'refunds.yaml', '--claim', 'irreversible');
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain("no claim named 'irreversible'");
  });

  it('refuses a claims file that names what the policy lacks, with file and line', async () => {
    const claims = `claims:
  - name: waits
    irreversible-waits: { exempt: [no-such-rule] }
  - name: undeclared
    route:
      when: { fact: color, operator: equal, value: red }
      is: [deny]
  - name: typo
    rules-effectiv: {}
`;
    const dir = workspace({ 'refunds.yaml': REFUNDS, 'refunds.claims.yaml': claims });
    const schema = await oversight(dir, 'prove', 'refunds.yaml');
    expect(schema.exitCode).toBe(2);
    expect(schema.stderr).toContain('refunds.claims.yaml:9');
    writeFileSync(join(dir, 'refunds.claims.yaml'), claims.split('  - name: typo')[0]!);
    const names = await oversight(dir, 'prove', 'refunds.yaml');
    expect(names.exitCode).toBe(2);
    expect(names.stderr).toMatch(/refunds\.claims\.yaml:2:\d+.*'no-such-rule' is not a rule/);
    expect(names.stderr).toMatch(/refunds\.claims\.yaml:6:\d+.*claim 'undeclared': its condition .*color/);
  });
});
