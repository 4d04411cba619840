// What a packed package must be for a service outside the monorepo to install
// and use it: pure checks of one unpacked tarball against the workspace it came
// from, so release-check.mjs and its test share them.

const SOURCE_CONDITION = '@oversight/source';
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * Lists what is wrong with a packed package, one sentence each, naming the
 * package; an empty list means it is publishable as packed.
 */
export function packedPackageProblems(packed, workspace) {
  const { manifest, files } = packed;
  const name = workspace.manifest.name;
  const shipped = new Set(files);
  const problems = [];
  const report = (message) => problems.push(`${name}: ${message}`);

  if (manifest.name !== name || manifest.version !== workspace.manifest.version) {
    report(`packed as ${manifest.name}@${manifest.version}, but the workspace has ${name}@${workspace.manifest.version}`);
  }
  for (const message of dependencyProblems(manifest, workspace.versions)) report(message);
  for (const message of exportProblems(manifest, workspace.manifest, shipped)) report(message);
  for (const message of binProblems(manifest, packed)) report(message);

  if (!shipped.has('README.md')) report('ships no README.md');
  for (const [file, content] of Object.entries(workspace.expectedFiles)) {
    if (!shipped.has(file)) report(`ships no ${file}`);
    else if (packed.read(file) !== content) report(`ships a ${file} that differs from the repository's`);
  }

  // Every other file is built from a source; anything else is a stale build output, a map or a test.
  const built = new Set(workspace.sources.flatMap((source) => [`dist/${source}.js`, `dist/${source}.d.ts`]));
  for (const file of files) {
    if (file !== 'package.json' && file !== 'README.md' && !(file in workspace.expectedFiles) && !built.has(file)) {
      report(`ships ${file}, which no file in src/ builds (a stale build output, a source map or a test?)`);
    }
  }
  for (const source of workspace.sources) {
    if (!shipped.has(`dist/${source}.js`)) report(`ships no dist/${source}.js for src/${source}.ts: was it built?`);
  }
  return problems;
}

function dependencyProblems(manifest, versions) {
  const problems = [];
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) {
        problems.push(`${field}.${dependency} is "${range}", which npm cannot install: pack with pnpm, which writes the version`);
      } else if (dependency in versions && range !== versions[dependency]) {
        problems.push(`${field}.${dependency} is "${range}", not the workspace's version ${versions[dependency]}`);
      }
    }
  }
  return problems;
}

function exportProblems(manifest, workspaceManifest, shipped) {
  const problems = [];
  const leaks = targets(manifest.exports).filter(({ conditions }) => conditions.includes(SOURCE_CONDITION));
  if (leaks.length > 0) {
    problems.push(`exports keep the ${SOURCE_CONDITION} condition (${leaks.map(({ target }) => target).join(', ')}): set publishConfig.exports`);
  }
  const expected = withoutCondition(workspaceManifest.exports, SOURCE_CONDITION);
  if (leaks.length === 0 && JSON.stringify(manifest.exports) !== JSON.stringify(expected)) {
    problems.push(`exports are ${JSON.stringify(manifest.exports)}, not the workspace's without ${SOURCE_CONDITION}: ${JSON.stringify(expected)} (publishConfig.exports is out of step)`);
  }
  for (const { target } of targets(manifest.exports).filter(({ conditions }) => !conditions.includes(SOURCE_CONDITION))) {
    if (!resolvesToShippedFile(target, shipped)) problems.push(`exports name ${target}, which the tarball does not contain`);
  }
  for (const field of ['main', 'types']) {
    if (typeof manifest[field] === 'string' && !resolvesToShippedFile(manifest[field], shipped)) {
      problems.push(`${field} is ${manifest[field]}, which the tarball does not contain`);
    }
  }
  return problems;
}

function binProblems(manifest, packed) {
  const bins = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  const problems = [];
  for (const [command, target] of Object.entries(bins)) {
    const file = normalise(target);
    if (!packed.files.includes(file)) problems.push(`bin ${command} is ${target}, which the tarball does not contain`);
    else if (!packed.read(file).startsWith('#!/usr/bin/env node\n')) problems.push(`bin ${command} (${target}) does not start with #!/usr/bin/env node`);
  }
  return problems;
}

/** The string leaves of an exports map, each with the conditions on the way to it. */
function targets(exports, conditions = []) {
  if (typeof exports === 'string') return [{ target: exports, conditions }];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.entries(exports).flatMap(([key, value]) => targets(value, key.startsWith('.') ? conditions : [...conditions, key]));
}

function withoutCondition(exports, condition) {
  if (exports === null || typeof exports !== 'object') return exports;
  return Object.fromEntries(Object.entries(exports).filter(([key]) => key !== condition).map(([key, value]) => [key, withoutCondition(value, condition)]));
}

// A pattern target (`./schemas/*`) resolves when at least one shipped file matches it.
function resolvesToShippedFile(target, shipped) {
  const path = normalise(target);
  if (!path.includes('*')) return shipped.has(path);
  const [before, after] = path.split('*');
  return [...shipped].some((file) => file.startsWith(before) && file.endsWith(after) && file.length > before.length + after.length);
}

function normalise(target) {
  return target.replace(/^\.\//, '');
}
