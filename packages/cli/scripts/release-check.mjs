// The release check: packs every public package as a release does (`pnpm -r
// pack`, whose prepack builds each package and which writes real versions for
// `workspace:*`), installs the tarballs with plain npm into an empty folder
// outside the repository, and uses them there as a service would: imports
// @oversight/core from ESM and from TypeScript compiled with module nodenext
// (with the TypeScript examples of the packages' READMEs), and runs `npx
// oversight` --version, lint, eval and simulate on a copy of a shipped policy.
// Each result must equal the workspace build's. Prints what it checked; on a
// failure says what and exits 1. It needs the npm registry for the packages'
// third-party dependencies, nothing else. CI runs it from .ci/run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packedPackageProblems } from './release-check/packed-package.mjs';

const ROOT = realpathSync(fileURLToPath(new URL('../../../', import.meta.url)));
const SERVICE_FILES = fileURLToPath(new URL('release-check/service/', import.meta.url));
const WORKSPACE_BIN = join(ROOT, 'packages/cli/dist/bin.js');
const POLICY = 'policies/support-refunds.yaml';
const ACTION_LINES = 5;
const HISTORY_LINES = 200;
const NOW = '2026-10-03T12:00:00Z';
const ROUTES = ['auto', 'review_after', 'approve_before', 'escalate', 'deny'];

// Pipes are not terminals, but CI and FORCE_COLOR can turn colour on: what the commands print is compared plain.
const ENV = Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: '1' }).filter(([key]) => key !== 'FORCE_COLOR'));
// npm's own warnings on npx's stderr (under `pnpm release:check`, about pnpm's settings it passes in the environment) are not the command's output.
const NPM_WARNING = /^npm warn .*\n/gm;

/** A failure the check reports to the person running it (anything else thrown is a bug in the check). */
class CheckFailure extends Error {}

const started = performance.now();
const work = mkdtempSync(join(realpathSync(tmpdir()), 'oversight-release-check-'));
// The check is synchronous: with these handlers a Ctrl-C (which also ends the running child) makes the
// check fail and the finally below remove the folder before the handler exits; without them Node would die at once and leave it.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    rmSync(work, { recursive: true, force: true });
    process.exit(code);
  });
}
try {
  check();
  console.log(`\nrelease check passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  if (!(error instanceof CheckFailure)) throw error;
  console.error(`\nrelease check failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

function check() {
  if (!relative(ROOT, work).startsWith(`..${sep}`)) fail(`the temporary folder ${work} is inside the repository: set TMPDIR to a folder outside it`);
  const packages = workspacePackages();
  const published = packages.filter(({ manifest }) => manifest.private !== true);
  const tarballs = packAll(published, join(work, 'tarballs'));
  const problems = published.flatMap((pkg) => checkTarball(pkg, packages, tarballs.get(pkg.manifest.name)));
  if (problems.length > 0) fail(`the tarballs are not publishable:\n  ${problems.join('\n  ')}`);

  const service = join(work, 'service');
  prepareService(service);
  installTarballs(service, published, tarballs);
  checkLibrary(service, published);
  checkCommand(service, published.find(({ manifest }) => manifest.name === '@oversight/cli').manifest.version);
}

function workspacePackages() {
  return readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ dir: join(ROOT, 'packages', entry.name), manifest: readJson(join(ROOT, 'packages', entry.name, 'package.json')) }))
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** Packs with the README's command; returns each package's tarball path by name. */
function packAll(published, destination) {
  mkdirSync(destination);
  runOk('pnpm', ['-r', '--filter', '@oversight/*', 'pack', '--pack-destination', destination], { cwd: ROOT }, "pnpm -r --filter '@oversight/*' pack");
  const tarballs = new Map(published.map(({ manifest }) => [manifest.name, join(destination, `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`)]));
  const expected = [...tarballs.values()].map((path) => relative(destination, path)).sort();
  const made = readdirSync(destination).sort();
  if (JSON.stringify(made) !== JSON.stringify(expected)) fail(`pnpm -r pack made ${made.join(', ') || 'nothing'}; expected ${expected.join(', ')}`);
  ok(`pnpm -r pack built and packed ${made.join(', ')}`);
  return tarballs;
}

/** Checks one tarball against its workspace package; returns its problems (none: it says so). */
function checkTarball({ dir, manifest }, packages, tarball) {
  const root = unpacked(manifest.name);
  mkdirSync(dirname(root), { recursive: true });
  runOk('tar', ['-xzf', tarball, '-C', dirname(root)], {}, `unpacking ${tarball}`);
  const files = listFiles(root);
  const expectedFiles = { LICENSE: readFileSync(join(ROOT, 'LICENSE'), 'utf8') };
  // Core ships the repository's schemas/ (copied by its prepack), behind its `./schemas/*` export.
  const schemas = manifest.name === '@oversight/core' ? readdirSync(join(ROOT, 'schemas')).filter((name) => name.endsWith('.json')) : [];
  for (const name of schemas) expectedFiles[`schemas/${name}`] = readFileSync(join(ROOT, 'schemas', name), 'utf8');
  // A package may ship example policies of its own (the MCP proxy's filesystem policy), as they are in the repository.
  const policies = manifest.files?.includes('policies') ? readdirSync(join(dir, 'policies')).filter((name) => name.endsWith('.yaml')) : [];
  for (const name of policies) expectedFiles[`policies/${name}`] = readFileSync(join(dir, 'policies', name), 'utf8');

  const problems = packedPackageProblems(
    { manifest: readJson(join(root, 'package.json')), files, read: (file) => readFileSync(join(root, file), 'utf8') },
    {
      manifest,
      versions: Object.fromEntries(packages.map((pkg) => [pkg.manifest.name, pkg.manifest.version])),
      sources: listFiles(join(dir, 'src')).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts')).map((file) => file.slice(0, -'.ts'.length)),
      expectedFiles,
    },
  );
  if (problems.length > 0) return problems;
  const extras = ['README.md', 'LICENSE', schemas.length > 0 ? `${schemas.length} schemas` : '', policies.length > 0 ? `${policies.length} policy files` : '', manifest.bin === undefined ? '' : 'bin with shebang'].filter(Boolean);
  ok(`${manifest.name}@${manifest.version}: ${files.length} files (dist built from src, ${extras.join(', ')}); dependencies pinned, exports resolve, no @oversight/source condition`);
  return [];
}

/** Where a package's tarball is unpacked (tar puts it under package/). */
function unpacked(name) {
  return join(work, 'unpacked', name, 'package');
}

function prepareService(service) {
  mkdirSync(join(service, 'policies'), { recursive: true });
  writeFileSync(join(service, 'package.json'), `${JSON.stringify({ name: 'release-check-service', version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`);
  copyFileSync(join(ROOT, POLICY), join(service, POLICY));
  writeFileSync(join(service, 'actions.jsonl'), firstLines(join(ROOT, 'policies/samples/support-refunds.actions.jsonl'), ACTION_LINES));
  writeFileSync(join(service, 'history.jsonl'), firstLines(join(ROOT, 'policies/history/support-refunds.history.jsonl'), HISTORY_LINES));
  for (const file of listFiles(SERVICE_FILES)) copyFileSync(join(SERVICE_FILES, file), join(service, file));
}

/** Installs as the README says: core and the gate as dependencies, the command (and the packages it needs) as dev dependencies. */
function installTarballs(service, published, tarballs) {
  const npm = ['install', '--no-audit', '--no-fund', '--no-update-notifier'];
  const runtime = ['@oversight/core', '@oversight/gate'].map((name) => tarballs.get(name));
  const rest = published.map(({ manifest }) => tarballs.get(manifest.name)).filter((path) => !runtime.includes(path));
  runOk('npm', [...npm, ...runtime], { cwd: service }, 'npm install @oversight/core @oversight/gate');
  // @types/node is the service's own, for the TypeScript check.
  runOk('npm', [...npm, '--save-dev', ...rest, '@types/node@^20'], { cwd: service }, 'npm install --save-dev the other tarballs');

  // Each @oversight package must come from its tarball, once: never from the registry, never a second copy.
  const lock = readJson(join(service, 'package-lock.json')).packages;
  const installed = Object.entries(lock).filter(([path]) => /(^|\/)node_modules\/@oversight\//.test(path));
  const expected = published.map(({ manifest }) => `node_modules/${manifest.name}`).sort();
  const paths = installed.map(([path]) => path).sort();
  if (JSON.stringify(paths) !== JSON.stringify(expected)) fail(`npm installed @oversight packages at ${paths.join(', ')}; expected exactly ${expected.join(', ')}`);
  const elsewhere = installed.filter(([, entry]) => !String(entry.resolved).startsWith('file:'));
  if (elsewhere.length > 0) fail(`npm took ${elsewhere.map(([path, entry]) => `${path} from ${entry.resolved}`).join(', ')}, not from the tarballs`);
  ok(`npm installed the ${published.length} tarballs into a new service outside the repository, each @oversight package once, from its tarball`);
}

function checkLibrary(service, published) {
  const installed = runOk('node', ['service.mjs'], { cwd: service }, 'service.mjs (ESM, importing @oversight/core)');
  const summary = parseOutput('service.mjs', installed.stdout);
  if (!ROUTES.includes(summary.route) || summary.schemaFileIsTheExportedSchema !== true) fail(`service.mjs printed ${installed.stdout.trim()}`);
  const workspace = runOk('node', [join(SERVICE_FILES, 'service.mjs')], { cwd: service }, 'service.mjs against the workspace build');
  expectSame('service.mjs: the installed @oversight/core', installed.stdout, 'the workspace build', workspace.stdout);
  ok(`an ESM file imports @oversight/core and evaluates a refund (${summary.route}, reviewer ${summary.reviewer}) as the workspace build does; @oversight/core/schemas/policy.schema.json resolves to the exported schema`);

  const sourceCondition = runOk('node', ['--conditions=@oversight/source', 'service.mjs'], { cwd: service }, 'service.mjs with --conditions=@oversight/source');
  expectSame('with --conditions=@oversight/source', sourceCondition.stdout, 'without', installed.stdout);
  ok('--conditions=@oversight/source changes nothing outside the monorepo (the published exports do not name src/)');

  // The TypeScript examples of each tarball's README (what the registry shows) compile with it; they are not run.
  mkdirSync(join(service, 'readme-examples'));
  const examples = published.flatMap(({ manifest }) => {
    const readme = readFileSync(join(unpacked(manifest.name), 'README.md'), 'utf8');
    // A block just below `<!-- not runnable: why -->` needs what the package does not ship (its test runs it instead).
    return [...readme.matchAll(/^(<!-- not runnable:[^\n]*-->\n)?```ts\n([\s\S]*?)^```$/gm)].filter((match) => match[1] === undefined).map((match, index) => {
      const file = `readme-examples/${manifest.name.replace(/^@/, '').replace('/', '-')}-${index + 1}.ts`;
      writeFileSync(join(service, file), match[2]);
      return file;
    });
  });
  runOk(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: service }, `tsc (module nodenext, skipLibCheck off) on service.ts and ${examples.join(', ')}`);
  const compiled = runOk('node', ['out/service.js'], { cwd: service }, 'the compiled service.ts');
  expectSame('service.ts compiled', compiled.stdout, 'service.mjs', installed.stdout);
  ok(`a TypeScript file compiles with module nodenext against the packages' declarations (skipLibCheck off, none of their types any) and prints the same; the ${examples.length} TypeScript examples of their READMEs compile too`);
}

function checkCommand(service, version) {
  const evalArgs = ['eval', POLICY, 'actions.jsonl', '--now', NOW];
  const actions = readFileSync(join(service, 'actions.jsonl'), 'utf8').split('\n').filter((line) => line.trim() !== '').length;
  const simulateArgs = ['simulate', '--baseline', POLICY, '--threshold', 'autoRefundMax=100', '--history', 'history.jsonl'];
  const scenarios = [
    { args: ['--version'], exit: 0, expect: ({ stdout }) => stdout === `${version}\n` },
    { args: ['lint'], exit: 0, expect: ({ stdout }) => stdout.includes(`${POLICY}:`) && stdout.includes('(0 errors,') },
    { args: evalArgs, exit: 0, expect: ({ stdout }) => decisions(stdout).length === actions && decisions(stdout).every((d) => ROUTES.includes(d.route)) },
    { args: ['eval', POLICY, '-', '--now', NOW], input: 'not json\n', exit: 1, expect: ({ stdout }) => decisions(stdout)[0]?.error?.code === 'invalid-json' },
    { args: [...simulateArgs, '--max-review-increase', '0', '--min-fidelity', '99'], exit: 0, expect: ({ stdout }) => stdout.startsWith('## Oversight simulation') && stdout.includes(`Replayed **${HISTORY_LINES}** records`) },
    { args: ['simulate', '--baseline', POLICY, '--threshold', 'noSuchThreshold=1', '--history', 'history.jsonl'], exit: 2, expect: ({ stderr }) => stderr.includes("unknown threshold 'noSuchThreshold'") },
    // The decision service refuses to start without a way to check reviewers (before it opens any store).
    { args: ['serve', '--policies', 'policies'], exit: 2, expect: ({ stderr }) => stderr.includes('reviewers must authenticate') },
  ];
  for (const { args, input, exit, expect } of scenarios) {
    const command = `npx oversight ${args.join(' ')}`;
    const installed = run('npx', ['--no', '--', 'oversight', ...args], { cwd: service, input });
    if (installed.status !== exit) fail(`${command} exited ${installed.status}, expected ${exit}:\n${installed.stderr}${installed.stdout}`);
    if (!expect(installed)) fail(`${command} did not print what it should:\n${installed.stdout}${installed.stderr}`);
    const workspace = run('node', [WORKSPACE_BIN, ...args], { cwd: service, input });
    if (workspace.status !== installed.status) fail(`${command} exited ${installed.status}, the workspace build ${workspace.status}`);
    expectSame(`${command}: stdout`, installed.stdout, 'the workspace build', workspace.stdout);
    expectSame(`${command}: stderr`, installed.stderr.replace(NPM_WARNING, ''), 'the workspace build', workspace.stderr);
    ok(`${command}${input === undefined ? '' : ' (a line that is not JSON on stdin)'}: exit ${exit}, output as expected and as the workspace build's`);
  }
}

function decisions(stdout) {
  return stdout.split('\n').filter((line) => line !== '').map((line) => parseOutput('a decision line', line));
}

function parseOutput(what, text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`${what} printed what is not JSON (${error.message}):\n${text}`);
  }
}

function run(command, args, { cwd, input } = {}) {
  const result = spawnSync(command, args, { cwd, input, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error !== undefined) fail(`could not run ${command}: ${result.error.message}`);
  if (result.signal !== null) fail(`${command} ${args.join(' ')} was ended by ${result.signal}`);
  return result;
}

function runOk(command, args, options, what) {
  const result = run(command, args, options);
  if (result.status !== 0) fail(`${what} exited ${result.status}:\n${result.stderr}${result.stdout}`);
  return result;
}

function expectSame(what, actual, other, expected) {
  if (actual === expected) return;
  const lines = [actual.split('\n'), expected.split('\n')];
  const at = lines[0].findIndex((line, index) => line !== lines[1][index]);
  const line = at === -1 ? lines[0].length : at;
  fail(`${what} differs from ${other} at line ${line + 1}:\n  ${lines[0][line] ?? '(end)'}\n  ${lines[1][line] ?? '(end)'}`);
}

function fail(message) {
  throw new CheckFailure(message);
}

function ok(message) {
  console.log(`✓ ${message}`);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function firstLines(path, count) {
  return `${readFileSync(path, 'utf8').split('\n').slice(0, count).join('\n')}\n`;
}

/** Every file under root, as a path relative to it with forward slashes. */
function listFiles(root, prefix = '') {
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) return listFiles(root, path);
      return entry.isFile() ? [path] : [];
    })
    .sort();
}
