import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCasesFiles } from './find-cases-files.js';

function workspace(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-cases-'));
  for (const file of files) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return dir;
}

const cwd = workspace(['policies/a.yaml', 'policies/a.cases.yaml', 'policies/b.yaml', 'policies/team/c.yml', 'policies/team/c.cases.yml', 'policies/node_modules/x.cases.yaml', 'empty/readme.md', 'notes.txt']);

describe('findCasesFiles', () => {
  it('finds every cases file under a folder, sorted, never in node_modules', async () => {
    expect(await findCasesFiles(['policies'], cwd)).toEqual({ ok: true, files: ['policies/a.cases.yaml', 'policies/team/c.cases.yml'] });
  });

  it("takes a policy's cases file beside it, and a cases file as it is, each once", async () => {
    expect(await findCasesFiles(['policies/team/c.yml', 'policies/a.cases.yaml', 'policies/a.yaml'], cwd)).toEqual({ ok: true, files: ['policies/a.cases.yaml', 'policies/team/c.cases.yml'] });
  });

  it('takes what a glob matches, passing over policies without cases', async () => {
    expect(await findCasesFiles(['policies/*.yaml'], cwd)).toEqual({ ok: true, files: ['policies/a.cases.yaml'] });
  });

  it('refuses a path that names nothing to run, saying why', async () => {
    expect(await findCasesFiles(['policies/b.yaml'], cwd)).toEqual({ ok: false, message: "policy 'policies/b.yaml' has no cases file beside it: write policies/b.cases.yaml" });
    expect(await findCasesFiles(['empty'], cwd)).toEqual({ ok: false, message: "'empty' holds no cases file (*.cases.yaml)" });
    expect(await findCasesFiles(['notes.txt'], cwd)).toEqual({ ok: false, message: "'notes.txt' is neither a cases file (*.cases.yaml) nor a policy (*.yaml)" });
    expect(await findCasesFiles(['missing'], cwd)).toEqual({ ok: false, message: "'missing' does not exist" });
    expect(await findCasesFiles(['empty/**/*.yaml'], cwd)).toEqual({ ok: false, message: "'empty/**/*.yaml' matches no cases file" });
  });
});
