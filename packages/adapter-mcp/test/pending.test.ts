// hold: pending: a held call answers at once with "approval pending"; the
// client comes back for it with the status tool, or by resending the call with
// its proposal id. An approval runs its call once.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { decisionOf, RITA, startRig, textOf, type Rig } from './support.js';

describe('hold: pending, retry: status-tool (the default)', () => {
  let rig: Rig;
  afterEach(async () => {
    await rig.close();
  });

  it('answers at once with an approval-pending error naming the proposal, then runs the call once it is approved', async () => {
    rig = await startRig({ hold: { mode: 'pending' } });
    const notes = rig.at('docs', 'notes.md');
    const pending = await rig.call('write_file', { path: notes, content: 'Retro on Monday.\n' });
    expect(pending.isError).toBe(true);
    const meta = decisionOf(pending);
    expect(meta).toMatchObject({ route: 'approve_before', status: 'pending', reviewer: 'file-reviewer', retry: { tool: 'oversight_status', arguments: { proposalId: meta.proposalId } } });
    expect(textOf(pending)).toContain('Approval pending: write_file has not run.');
    expect(textOf(pending)).toContain(`call oversight_status with {"proposalId":"${meta.proposalId}"}`);
    expect(existsSync(notes)).toBe(false);

    const stillWaiting = await rig.call('oversight_status', { proposalId: meta.proposalId });
    expect(stillWaiting.isError).toBe(true);
    expect(textOf(stillWaiting)).toContain('Approval pending');
    expect(existsSync(notes)).toBe(false);

    await rig.proxy.answer(meta.proposalId, { decision: 'approve', reviewer: RITA });
    const ran = await rig.call('oversight_status', { proposalId: meta.proposalId });
    expect(ran.isError).toBeFalsy();
    expect(textOf(ran)).toContain('Successfully wrote');
    expect(ran.structuredContent).toEqual({ content: `Successfully wrote to ${notes}` });
    expect(readFileSync(notes, 'utf8')).toBe('Retro on Monday.\n');

    // Asking again returns the same result and does not write again.
    writeFileSync(notes, 'changed by a person since\n');
    const again = await rig.call('oversight_status', { proposalId: meta.proposalId });
    expect(again).toEqual(ran);
    expect(readFileSync(notes, 'utf8')).toBe('changed by a person since\n');
  });

  it('reports a rejection with its reason, and an unknown id as such', async () => {
    rig = await startRig({ hold: { mode: 'pending' } });
    const pending = await rig.call('move_file', { source: rig.at('docs', 'readme.md'), destination: rig.at('readme.md') });
    const { proposalId } = decisionOf(pending);
    await rig.gate.answer(proposalId, { decision: 'reject', reviewer: RITA, reason: 'The handbook stays in docs/.' });
    const answer = await rig.call('oversight_status', { proposalId });
    expect(answer.isError).toBe(true);
    expect(textOf(answer)).toContain('Reason: The handbook stays in docs/.');
    expect(existsSync(rig.at('docs', 'readme.md'))).toBe(true);

    const unknown = await rig.call('oversight_status', { proposalId: 'no-such-id' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('No tool call held under proposal no-such-id');
  });

  it('returns the pending result when a wait runs past its limit', async () => {
    rig = await startRig({ hold: { mode: 'wait', timeoutMs: 0 } });
    const pending = await rig.call('create_directory', { path: rig.at('archive') });
    expect(pending.isError).toBe(true);
    expect(decisionOf(pending).status).toBe('pending');
    expect(existsSync(rig.at('archive'))).toBe(false);
  });

  it('does not rerun a call that ran when it was called', async () => {
    rig = await startRig({ hold: { mode: 'pending' } });
    const draft = await rig.call('write_file', { path: rig.at('drafts', 'a.md'), content: 'a' });
    const status = await rig.call('oversight_status', { proposalId: decisionOf(draft).proposalId });
    expect(status.isError).toBe(true);
    expect(textOf(status)).toContain('ran when it was called (review_after); it does not run again');
  });
});

describe('hold: pending, retry: resend', () => {
  let rig: Rig;
  afterEach(async () => {
    await rig.close();
  });

  it('lists exactly the upstream tools, and runs the resent call once approved, only with the same arguments', async () => {
    rig = await startRig({ hold: { mode: 'pending' }, retry: 'resend' });
    expect((await rig.client.listTools()).tools).toEqual((await rig.upstream.listTools()).tools);

    const notes = rig.at('docs', 'notes.md');
    const args = { path: notes, content: 'Lunch at noon.\n' };
    const pending = await rig.call('write_file', args);
    const meta = decisionOf(pending);
    expect(meta.retry).toEqual({ tool: 'write_file', arguments: { ...args, _oversightProposal: meta.proposalId } });
    expect(textOf(pending)).toContain(`plus "_oversightProposal": "${meta.proposalId}"`);

    await rig.proxy.answer(meta.proposalId, { decision: 'approve', reviewer: RITA });
    const other = await rig.call('write_file', { ...args, content: 'Lunch is cancelled.\n', _oversightProposal: meta.proposalId });
    expect(other.isError).toBe(true);
    expect(textOf(other)).toContain('These arguments are not the call proposal');
    expect(existsSync(notes)).toBe(false);

    const ran = await rig.call('write_file', { ...args, _oversightProposal: meta.proposalId });
    expect(ran.isError).toBeFalsy();
    expect(readFileSync(notes, 'utf8')).toBe('Lunch at noon.\n');
  });

  it('runs the edited call when the client resends the original after a reviewer edited it', async () => {
    rig = await startRig({ hold: { mode: 'pending' }, retry: 'resend' });
    const notes = rig.at('docs', 'notes.md');
    const args = { path: notes, content: 'Offsite in May.\n' };
    const { proposalId } = decisionOf(await rig.call('write_file', args));
    await rig.proxy.answer(proposalId, { decision: 'edit', reviewer: RITA, reason: 'It moved to June.', editedArguments: { path: notes, content: 'Offsite in June.\n' } });
    const ran = await rig.call('write_file', { ...args, _oversightProposal: proposalId });
    expect(ran.isError).toBeFalsy();
    expect(textOf(ran)).toContain('It moved to June.');
    expect(readFileSync(notes, 'utf8')).toBe('Offsite in June.\n');
  });
});
