// A reviewer's edit is evaluated by the policy again before anything runs: an
// edit that needs no more than the reviewer may give runs as edited; one that
// is riskier becomes a new proposal that needs its own approval, or is denied.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { GateError } from '@oversight/gate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionOf, eventually, heldCall, LONG, OWEN, RITA, SAM, startRig, textOf, type Rig } from './support.js';

describe('edits through the proxy (hold: wait)', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig({ hold: { mode: 'wait', timeoutMs: LONG } });
  });
  afterEach(async () => {
    await rig.close();
  });

  it('runs an edit that stays within the reviewer\'s remit, as edited, and tells the agent', async () => {
    const notes = rig.at('docs', 'notes.md');
    const call = rig.call('write_file', { path: notes, content: 'Ship on Friday at 17:00.\n' });
    const held = await heldCall(rig.proxy);

    const answered = await rig.proxy.answer(held.proposal.id, {
      decision: 'edit',
      reviewer: RITA,
      reason: 'No releases on Friday afternoons.',
      editedArguments: { path: notes, content: 'Ship on Thursday at 10:00.\n' },
    });
    expect(answered.effect).toBe('run-edited');
    expect(answered.runFacts).toMatchObject({ content: 'Ship on Thursday at 10:00.\n', targets: [notes], irreversible: true });

    const result = await call;
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain('a reviewer edited this call before approving it (No releases on Friday afternoons.)');
    expect(textOf(result)).toContain('Successfully wrote');
    expect(readFileSync(notes, 'utf8')).toBe('Ship on Thursday at 10:00.\n');
  });

  it('routes an edit that makes the call riskier as a new proposal, which its editor may not approve and the right role must', async () => {
    const original = rig.at('docs', 'deploy.yml');
    const workflow = rig.at('.github', 'workflows', 'deploy.yml');
    mkdirSync(rig.at('.github', 'workflows'), { recursive: true });
    const call = rig.call('write_file', { path: original, content: 'on: push\n' });
    const held = await heldCall(rig.proxy);

    // Rita moves the file to where CI would run it: that is the workspace owner's call.
    const answered = await rig.proxy.answer(held.proposal.id, {
      decision: 'edit',
      reviewer: RITA,
      reason: 'Workflows belong under .github/workflows.',
      editedArguments: { path: workflow, content: 'on: push\n' },
    });
    expect(answered.effect).toBe('rerouted');
    const rerouted = answered.rerouted!;
    expect(rerouted.proposal).toMatchObject({ route: 'escalate', reviewer: 'workspace-owner', rules: ['ci-workflows', 'file-changes'], linkedTo: held.proposal.id, status: 'pending' });
    expect(rig.proxy.pending().map((view) => view.proposal.id)).toEqual([rerouted.proposal.id]);

    await expect(rig.proxy.answer(rerouted.proposal.id, { decision: 'approve', reviewer: { id: RITA.id, role: 'workspace-owner' } })).rejects.toMatchObject({ code: 'self-approval' });
    await expect(rig.proxy.answer(rerouted.proposal.id, { decision: 'approve', reviewer: SAM })).rejects.toBeInstanceOf(GateError);
    expect(existsSync(workflow)).toBe(false);
    expect(existsSync(original)).toBe(false);

    await rig.proxy.answer(rerouted.proposal.id, { decision: 'approve', reviewer: OWEN });
    const result = await call;
    expect(textOf(result)).toContain('Successfully wrote');
    expect(result.isError).toBeFalsy();
    expect(decisionOf(result)).toMatchObject({ proposalId: rerouted.proposal.id, reroutedFrom: held.proposal.id, status: 'approved' });
    expect(textOf(result)).toContain('Workflows belong under .github/workflows.');
    expect(readFileSync(workflow, 'utf8')).toBe('on: push\n');
    expect(existsSync(original)).toBe(false);
  });

  it('never runs an edit the policy denies (into contracts/)', async () => {
    const call = rig.call('write_file', { path: rig.at('docs', 'terms.md'), content: 'Net 30.\n' });
    const held = await heldCall(rig.proxy);
    const answered = await rig.proxy.answer(held.proposal.id, {
      decision: 'edit',
      reviewer: RITA,
      reason: 'Terms go with the contracts.',
      editedArguments: { path: rig.at('contracts', 'terms.md'), content: 'Net 30.\n' },
    });
    expect(answered.rerouted?.proposal).toMatchObject({ route: 'deny', status: 'denied' });

    const result = await call;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`Denied by policy filesystem-tools after a reviewer's edit (proposal ${held.proposal.id})`);
    expect(existsSync(rig.at('contracts', 'terms.md'))).toBe(false);
    expect(existsSync(rig.at('docs', 'terms.md'))).toBe(false);
  });

  it('refuses to run an edit given as facts that do not match its own arguments', async () => {
    const notes = rig.at('docs', 'notes.md');
    const call = rig.call('write_file', { path: notes, content: 'v1\n' });
    const held = await heldCall(rig.proxy);
    // The path changes, the derived facts do not: the proxy recomputes them from the arguments it would run, and they differ.
    await rig.gate.answer(held.proposal.id, {
      decision: 'edit',
      reviewer: RITA,
      reason: 'Rename it.',
      editedFacts: { ...held.proposal.facts, path: rig.at('docs', 'renamed.md') },
    });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('was approved but not run: the facts differ');
    expect(existsSync(notes)).toBe(false);
    expect(existsSync(rig.at('docs', 'renamed.md'))).toBe(false);
    await eventually(() => (rig.proxy.pending().length === 0 ? true : undefined));
  });
});
