import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMarkers, exampleModule, extractExamples } from './doc-examples.js';

// The README's and docs' TypeScript examples run against the packages' source,
// so a stated result that stops being true fails here (convention: doc-examples.ts).
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// Inside the package, so `@oversight/*` resolves; outside src/ and test/, so lint and typecheck skip it.
// One folder a run, so two test runs at once never remove each other's modules.
const OUT = join(ROOT, 'packages/cli/.doc-examples', `run-${process.pid}`);
const FILES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];
const TEXTS = FILES.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
const EXAMPLES = TEXTS.flatMap(({ file, text }) => extractExamples(file, text)).map((example) => ({
  ...example,
  path: join(OUT, `${example.file.replace(/\W+/g, '-')}-${example.line}.ts`),
}));
const RUNNABLE = EXAMPLES.filter((example) => example.notRunnable === undefined);

describe('the TypeScript examples of README.md and docs/*.md', () => {
  const cwd = process.cwd();
  beforeAll(() => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    for (const example of RUNNABLE) writeFileSync(example.path, exampleModule(example));
    // Paths in the examples ('policies/support-refunds.yaml') are relative to the repository root.
    process.chdir(ROOT);
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(OUT, { recursive: true, force: true });
  });

  it('marks a block not runnable only just above its fence, and says why', () => {
    expect(RUNNABLE.length).toBeGreaterThan(0);
    for (const { file, text } of TEXTS) {
      const marked = EXAMPLES.filter((example) => example.file === file && example.notRunnable !== undefined);
      expect(marked.length, `${file}: a not-runnable marker that is not just above a ts block`).toBe(countMarkers(text));
      for (const example of marked) expect(example.notRunnable, `${file}:${example.line}`).not.toBe('');
    }
  });

  for (const example of EXAMPLES) {
    const name = `${example.file}:${example.line}`;
    if (example.notRunnable !== undefined) {
      it.skip(`${name} (not runnable: ${example.notRunnable})`, () => {});
    } else {
      it(`${name} runs and states what the code does`, async () => {
        await import(example.path);
      });
    }
  }

  it("policy-format.md's running example is policies/support-refunds.yaml as shipped", () => {
    const doc = TEXTS.find(({ file }) => file === 'docs/policy-format.md')!.text;
    const shipped = readFileSync(join(ROOT, 'policies/support-refunds.yaml'), 'utf8');
    expect(doc).toContain(`\`\`\`yaml\n${shipped}\`\`\``);
  });

  it('every runnable example type-checks as written', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'packages/cli/tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const program = ts.createProgram(
      RUNNABLE.map((example) => example.path),
      { ...config.options, noEmit: true },
    );
    const ours = new Map(RUNNABLE.map((example) => [example.path, example]));
    const problems = ts.getPreEmitDiagnostics(program).flatMap((diagnostic) => {
      const example = diagnostic.file === undefined ? undefined : ours.get(resolve(diagnostic.file.fileName));
      if (example === undefined || diagnostic.start === undefined) return [];
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
      return [`${example.file}:${example.line + 1 + line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`];
    });
    expect(problems).toEqual([]);
  });
});
