// Golden CLI scenarios: each file under scenarios/ is a command line, its input,
// and the exit code and output a user relies on. They run in-process through
// run(), from the repository root, with the clock fixed at 2026-10-03T12:00:00Z.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../src/index.js';
import { memoryIo } from './memory-io.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const scenarioDir = new URL('./scenarios/', import.meta.url);

interface TextChecks {
  contains?: string[];
  notContains?: string[];
  /** Every output line parses as JSON; one expectation a line, each matched as a subset. */
  jsonLines?: Record<string, unknown>[];
}
/** Exact text, or checks. */
type TextExpectation = string | TextChecks;

interface Scenario {
  description: string;
  args: string[];
  stdin?: string;
  /** Files only this scenario needs, by path from the repository root. */
  files?: Record<string, string>;
  tty?: boolean;
  exitCode: number;
  stdout?: TextExpectation;
  stderr?: TextExpectation;
}

const SCENARIO_KEYS = new Set(['description', 'args', 'stdin', 'files', 'tty', 'exitCode', 'stdout', 'stderr']);
const CHECK_KEYS = new Set(['contains', 'notContains', 'jsonLines']);

// A misspelt key would silently check nothing, so the shape is checked first.
function readScenario(file: string): Scenario {
  const data = parse(readFileSync(new URL(file, scenarioDir), 'utf8')) as Record<string, unknown>;
  const unknown = Object.keys(data).filter((key) => !SCENARIO_KEYS.has(key));
  for (const stream of ['stdout', 'stderr'] as const) {
    const expectation = data[stream];
    if (typeof expectation === 'object' && expectation !== null) unknown.push(...Object.keys(expectation).filter((key) => !CHECK_KEYS.has(key)));
  }
  if (unknown.length > 0) throw new Error(`${file}: unknown keys ${unknown.join(', ')}`);
  if (typeof data.description !== 'string' || !Array.isArray(data.args) || typeof data.exitCode !== 'number') {
    throw new Error(`${file}: needs description, args and exitCode`);
  }
  return data as unknown as Scenario;
}

function checkText(name: string, actual: string, expected: TextExpectation | undefined): void {
  if (expected === undefined) return;
  if (typeof expected === 'string') {
    expect(actual, name).toBe(expected);
    return;
  }
  for (const text of expected.contains ?? []) expect(actual, `${name} contains`).toContain(text);
  for (const text of expected.notContains ?? []) expect(actual, `${name} does not contain`).not.toContain(text);
  if (expected.jsonLines !== undefined) {
    const lines = actual.split('\n');
    expect(lines.pop(), `${name} ends with a newline`).toBe('');
    expect(lines, `${name} has one line per expected decision`).toHaveLength(expected.jsonLines.length);
    lines.forEach((line, index) => {
      expect(JSON.parse(line), `${name} line ${index + 1}`).toMatchObject(expected.jsonLines?.[index] ?? {});
    });
  }
}

const files = readdirSync(scenarioDir)
  .filter((file) => file.endsWith('.yaml'))
  .sort();

describe('CLI scenarios', () => {
  it('has scenarios to run', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const scenario = readScenario(file);
    it(`${file}: ${scenario.description}`, async () => {
      const memory = memoryIo({ cwd: repoRoot, stdin: scenario.stdin, files: scenario.files, isTTY: scenario.tty ?? false });
      const exitCode = await run(scenario.args.map(String), memory.io);
      checkText('stderr', memory.stderr(), scenario.stderr);
      checkText('stdout', memory.stdout(), scenario.stdout);
      expect(exitCode, 'exit code').toBe(scenario.exitCode);
    });
  }
});
