import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { refundAgent } from '../examples/readme-usage.js';
import { scriptedModel } from '../examples/scripted-model.js';
import { oversight } from './oversight-command.js';
import { POLICY_FILE, refund } from './support.js';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const USAGE = fileURLToPath(new URL('../examples/readme-usage.ts', import.meta.url));

describe("the README's usage example", () => {
  it('is examples/readme-usage.ts, character for character', () => {
    const fences = [...readFileSync(README, 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
    expect(fences).toEqual([readFileSync(USAGE, 'utf8')]);
  });

  it('runs: the lead approves the refund, it is paid, and the log verifies', async () => {
    const logFile = join(mkdtempSync(join(tmpdir(), 'oversight-ai-sdk-readme-')), 'decisions.jsonl');
    const model = scriptedModel([[{ toolCallId: 'call-1', toolName: 'issueRefund', input: refund }]]);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const text = await refundAgent(model, POLICY_FILE, logFile);
    expect(log).toHaveBeenCalledWith('approve_before', 'support-lead', ['refund-needs-approval (approve_before): amount 120 > autoRefundMax 50']);
    log.mockRestore();
    expect(text).toBe('issueRefund: {"type":"json","value":{"refunded":120,"orderId":"ORD-1002341"}}');
    expect((await oversight('log', 'verify', logFile)).exitCode).toBe(0);
  });

  it('compiles as the release check compiles README examples: strict, module nodenext, lib ES2022, skipLibCheck off', () => {
    const program = ts.createProgram([USAGE], {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      customConditions: ['@oversight/source'],
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      types: ['node'],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file && diagnostic.start !== undefined ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: ` : '';
      return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    });
    expect(problems).toEqual([]);
  });
});
