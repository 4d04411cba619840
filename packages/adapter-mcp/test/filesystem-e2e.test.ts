// End to end: the official filesystem server over stdio, the proxy in front of
// it, an MCP client calling tools through the proxy, and the files on disk.
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oversight } from './oversight-command.js';
import { decisionOf, eventually, heldCall, LONG, OWEN, RITA, SAM, sha256, startRig, textOf, type Rig } from './support.js';

describe('the proxy in front of the filesystem server (hold: wait)', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig({ hold: { mode: 'wait', timeoutMs: LONG } });
  });
  afterEach(async () => {
    await rig.close();
  });

  it('lists the upstream tools unchanged, with the status tool added', async () => {
    const upstream = await rig.upstream.listTools();
    const listed = await rig.client.listTools();
    expect(listed.tools.slice(0, -1)).toEqual(upstream.tools);
    expect(listed.tools.at(-1)?.name).toBe('oversight_status');
  });

  it('runs reads alone, and the gate records each as ran', async () => {
    const read = await rig.call('read_text_file', { path: rig.at('docs', 'readme.md') });
    expect(read.isError).toBeFalsy();
    expect(textOf(read)).toContain('How we work.');
    expect(read.structuredContent).toEqual({ content: '# Handbook\n\nHow we work.\n' });
    expect(decisionOf(read)).toMatchObject({ route: 'auto', status: 'ran', rules: ['read-only-tools'] });

    const listing = await rig.call('list_directory', { path: rig.workspace });
    expect(textOf(listing)).toContain('[DIR] contracts');
    const contract = await rig.call('read_text_file', { path: rig.at('contracts', 'nda.md') });
    expect(textOf(contract)).toContain('NON-DISCLOSURE');
    expect(rig.proxy.pending()).toEqual([]);
  });

  it('holds a write until a reviewer approves it, then writes exactly it', async () => {
    const notes = rig.at('docs', 'notes.md');
    const call = rig.call('write_file', { path: notes, content: 'Standup moved to 10:00.\n' });
    const held = await heldCall(rig.proxy);
    expect(held.proposal).toMatchObject({ route: 'approve_before', reviewer: 'file-reviewer', rules: ['file-changes'] });
    expect(held.proposal.facts).toMatchObject({ tool: 'write_file', targets: [notes], pathSegments: ['docs', 'notes.md'], irreversible: true });
    expect(existsSync(notes)).toBe(false);

    await rig.proxy.answer(held.proposal.id, { decision: 'approve', reviewer: RITA });
    const result = await call;
    expect(textOf(result)).toContain('Successfully wrote');
    expect(result.isError).toBeFalsy();
    expect(decisionOf(result)).toMatchObject({ proposalId: held.proposal.id, status: 'approved' });
    expect(readFileSync(notes, 'utf8')).toBe('Standup moved to 10:00.\n');
  });

  it('tells a client that asked for progress that its call waits for a person', async () => {
    const messages: string[] = [];
    const call = rig.client.callTool({ name: 'create_directory', arguments: { path: rig.at('reports') } }, undefined, {
      timeout: LONG,
      resetTimeoutOnProgress: true,
      onprogress: (progress) => void messages.push(progress.message ?? ''),
    });
    const held = await heldCall(rig.proxy);
    // The first notification goes out as the wait begins; the answer comes after it.
    expect(await eventually(() => messages[0])).toBe(`waiting for file-reviewer to approve (proposal ${held.proposal.id})`);
    await rig.proxy.answer(held.proposal.id, { decision: 'approve', reviewer: RITA });
    expect((await call).isError).toBeFalsy();
    expect(existsSync(rig.at('reports'))).toBe(true);
  });

  it('holds a move until approved, answered with gate.answer directly', async () => {
    const call = rig.call('move_file', { source: rig.at('docs', 'readme.md'), destination: rig.at('docs', 'handbook.md') });
    const held = await heldCall(rig.proxy);
    expect(held.proposal.facts).toMatchObject({ irreversible: true, pathSegments: ['docs', 'readme.md', 'handbook.md'] });
    expect(existsSync(rig.at('docs', 'readme.md'))).toBe(true);

    await rig.gate.answer(held.proposal.id, { decision: 'approve', reviewer: SAM });
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect(existsSync(rig.at('docs', 'readme.md'))).toBe(false);
    expect(readFileSync(rig.at('docs', 'handbook.md'), 'utf8')).toContain('How we work.');
  });

  it('never writes what a reviewer rejects, and tells the agent why', async () => {
    const target = rig.at('docs', 'pricing.md');
    const call = rig.call('write_file', { path: target, content: 'Everything is free.\n' });
    const held = await heldCall(rig.proxy);
    await rig.proxy.answer(held.proposal.id, { decision: 'reject', reviewer: RITA, reason: 'Pricing is owned by sales; do not publish it here.' });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Rejected by a reviewer (file-reviewer, rita@example.com)');
    expect(textOf(result)).toContain('Pricing is owned by sales');
    expect(decisionOf(result).status).toBe('rejected');
    expect(existsSync(target)).toBe(false);
  });

  it('never forwards a write into contracts/, however the path is spelt: the file is byte-for-byte unchanged', async () => {
    const nda = rig.at('contracts', 'nda.md');
    const before = sha256(nda);
    symlinkSync(rig.at('contracts'), rig.at('docs', 'signed'));

    const attempts = [
      ['write_file', { path: nda, content: 'VOID' }],
      ['write_file', { path: rig.at('docs', '..', 'contracts', 'nda.md'), content: 'VOID' }],
      ['write_file', { path: rig.at('docs', 'signed', 'nda.md'), content: 'VOID' }],
      ['write_file', { path: 'CONTRACTS/nda.md', content: 'VOID' }],
      ['edit_file', { path: nda, edits: [{ oldText: 'MUTUAL', newText: 'ONE-WAY' }] }],
      ['move_file', { source: nda, destination: rig.at('docs', 'nda.md') }],
      ['write_file', { path: rig.at('contracts', 'addendum.md'), content: 'new terms' }],
    ] as const;
    for (const [tool, args] of attempts) {
      const result = await rig.call(tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(textOf(result)).toMatch(/^Denied by policy filesystem-tools: \S+ was not run and will not run \(protected-contracts: .*pathSegments .* contains "contracts"\)/);
      expect(decisionOf(result)).toMatchObject({ route: 'deny', status: 'denied' });
    }
    expect(rig.proxy.pending()).toEqual([]);
    expect(sha256(nda)).toBe(before);
    expect(existsSync(rig.at('docs', 'nda.md'))).toBe(false);
    expect(existsSync(rig.at('contracts', 'addendum.md'))).toBe(false);
  });

  it('writes the agent drafts at once and leaves the review queued (review_after)', async () => {
    const plan = rig.at('drafts', 'plan.md');
    const result = await rig.call('write_file', { path: plan, content: '1. Draft the FAQ\n' });
    expect(result.isError).toBeFalsy();
    expect(readFileSync(plan, 'utf8')).toBe('1. Draft the FAQ\n');
    const meta = decisionOf(result);
    expect(meta).toMatchObject({ route: 'review_after', status: 'under_review', reviewer: 'file-reviewer' });
    expect(rig.gate.open({ role: 'file-reviewer' }).map((view) => view.proposal.id)).toContain(meta.proposalId);
    expect(rig.proxy.pending()).toEqual([]);
  });

  it('runs an edit_file dry run alone and changes nothing', async () => {
    const readme = rig.at('docs', 'readme.md');
    const before = sha256(readme);
    const result = await rig.call('edit_file', { path: readme, edits: [{ oldText: 'How we work.', newText: 'How we ship.' }], dryRun: true });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain('+How we ship.');
    expect(decisionOf(result)).toMatchObject({ route: 'auto', rules: ['edit-dry-run', 'file-changes'] });
    expect(sha256(readme)).toBe(before);
  });

  it('holds what the policy cannot evaluate (a tool it does not know), and forwards it only once approved', async () => {
    const call = rig.call('delete_everything', { path: rig.workspace });
    const held = await heldCall(rig.proxy);
    expect(held.proposal).toMatchObject({ route: 'escalate', error: { code: 'invalid-fact', fact: 'tool' } });
    await rig.proxy.answer(held.proposal.id, { decision: 'approve', reviewer: OWEN });
    // The upstream server has no such tool: what it answers is passed on, and nothing was deleted.
    const result = await call;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/delete_everything/);
    expect(existsSync(rig.at('docs', 'readme.md'))).toBe(true);
  });

  it('leaves a log that oversight log verify accepts', async () => {
    await rig.call('read_text_file', { path: rig.at('docs', 'readme.md') });
    await rig.call('write_file', { path: rig.at('contracts', 'nda.md'), content: 'VOID' });
    const call = rig.call('create_directory', { path: rig.at('reports') });
    const held = await heldCall(rig.proxy);
    await rig.proxy.answer(held.proposal.id, { decision: 'approve', reviewer: RITA });
    expect((await call).isError).toBeFalsy();
    expect(existsSync(rig.at('reports'))).toBe(true);
    await rig.gate.close();

    const verified = await oversight('log', 'verify', rig.logPath);
    expect(verified.stderr).toBe('');
    expect(verified.exitCode).toBe(0);
    const lines = readFileSync(rig.logPath, 'utf8').trim().split('\n');
    // ran (and its claim), denied, proposed, approved (and its claim): each run is in the log before it happened.
    const entries = lines.map((line) => JSON.parse(line) as { event?: string; route?: string });
    expect(entries.map((entry) => entry.event ?? entry.route)).toEqual(['auto', 'executed', 'deny', 'proposed', 'approve_before', 'executed']);
  });
});
