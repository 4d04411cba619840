// The release check's verdict on a packed package (scripts/release-check/packed-package.mjs),
// on made-up tarballs. The end-to-end check (pack, npm install, use) needs the
// registry and half a minute, so it is not a test: CI runs it from .ci/run.
import { describe, expect, it } from 'vitest';
import { packedPackageProblems, type Manifest, type PackedPackage, type WorkspacePackage } from '../scripts/release-check/packed-package.mjs';

const LICENSE = 'Copyright 2026 the Oversight authors\n\nApache License\n';
const EXPORTS = { '.': { types: './dist/index.d.ts', default: './dist/index.js' } };

function workspace(overrides: Partial<Manifest> = {}, expectedFiles: Record<string, string> = {}): WorkspacePackage {
  return {
    manifest: {
      name: '@oversight/cli',
      version: '0.1.0',
      bin: { oversight: './dist/bin.js' },
      exports: { '.': { '@oversight/source': './src/index.ts', ...EXPORTS['.'] } },
      dependencies: { '@oversight/core': 'workspace:*', commander: '^14.0.3' },
      ...overrides,
    },
    versions: { '@oversight/core': '0.1.0', '@oversight/cli': '0.1.0' },
    sources: ['bin', 'index'],
    expectedFiles: { LICENSE, ...expectedFiles },
  };
}

function packed(overrides: Partial<Manifest> = {}, extraFiles: Record<string, string> = {}, without: string[] = []): PackedPackage {
  const contents: Record<string, string> = {
    'package.json': '{}',
    'README.md': '# @oversight/cli\n',
    LICENSE,
    'dist/bin.js': '#!/usr/bin/env node\nimport { run } from "./run.js";\n',
    'dist/bin.d.ts': 'export {};\n',
    'dist/index.js': 'export { run } from "./run.js";\n',
    'dist/index.d.ts': 'export { run } from "./run.js";\n',
    ...extraFiles,
  };
  for (const file of without) delete contents[file];
  return {
    manifest: {
      name: '@oversight/cli',
      version: '0.1.0',
      bin: { oversight: './dist/bin.js' },
      exports: EXPORTS,
      dependencies: { '@oversight/core': '0.1.0', commander: '^14.0.3' },
      ...overrides,
    },
    files: Object.keys(contents).sort(),
    read: (file) => contents[file]!,
  };
}

describe('packedPackageProblems', () => {
  it('passes a package packed by pnpm from a built workspace package', () => {
    expect(packedPackageProblems(packed(), workspace())).toEqual([]);
  });

  it('refuses a workspace: dependency, which npm cannot install (EUNSUPPORTEDPROTOCOL)', () => {
    expect(packedPackageProblems(packed({ dependencies: { '@oversight/core': 'workspace:*' } }), workspace())).toEqual([
      '@oversight/cli: dependencies.@oversight/core is "workspace:*", which npm cannot install: pack with pnpm, which writes the version',
    ]);
  });

  it('refuses a dependency on a workspace package at another version than the workspace has', () => {
    expect(packedPackageProblems(packed({ dependencies: { '@oversight/core': '^0.0.9' } }), workspace())).toEqual([
      '@oversight/cli: dependencies.@oversight/core is "^0.0.9", not the workspace\'s version 0.1.0',
    ]);
  });

  it('refuses exports that keep the @oversight/source condition, which points at src/ the tarball does not ship', () => {
    const leaking = packed({ exports: workspace().manifest.exports });
    expect(packedPackageProblems(leaking, workspace())).toEqual([
      '@oversight/cli: exports keep the @oversight/source condition (./src/index.ts): set publishConfig.exports',
    ]);
  });

  it('refuses published exports that are out of step with the workspace exports', () => {
    const withSchemas = workspace({ exports: { '.': { '@oversight/source': './src/index.ts', ...EXPORTS['.'] }, './schemas/*': './schemas/*' } });
    expect(packedPackageProblems(packed(), withSchemas)).toEqual([
      expect.stringMatching(/^@oversight\/cli: exports are .*, not the workspace's without @oversight\/source: .*\(publishConfig\.exports is out of step\)$/),
    ]);
  });

  it('resolves a pattern export when the tarball has a file it matches', () => {
    const exports = { ...EXPORTS, './schemas/*': './schemas/*' };
    const schema = { 'schemas/policy.schema.json': '{}\n' };
    expect(packedPackageProblems(packed({ exports }, schema), workspace({ exports }, schema))).toEqual([]);
  });

  it('refuses a package whose exports or bin name a file it does not ship', () => {
    expect(packedPackageProblems(packed({}, {}, ['dist/index.js', 'dist/bin.js']), workspace())).toEqual([
      '@oversight/cli: exports name ./dist/index.js, which the tarball does not contain',
      '@oversight/cli: bin oversight is ./dist/bin.js, which the tarball does not contain',
      '@oversight/cli: ships no dist/bin.js for src/bin.ts: was it built?',
      '@oversight/cli: ships no dist/index.js for src/index.ts: was it built?',
    ]);
  });

  it('refuses a bin without a node shebang, which npm would link but the shell could not run', () => {
    expect(packedPackageProblems(packed({}, { 'dist/bin.js': 'import { run } from "./run.js";\n' }), workspace())).toEqual([
      '@oversight/cli: bin oversight (./dist/bin.js) does not start with #!/usr/bin/env node',
    ]);
  });

  it('refuses a package without README.md, or whose LICENSE or schemas differ from the repository', () => {
    const schema = { 'schemas/policy.schema.json': '{"title":"policy"}\n' };
    expect(packedPackageProblems(packed({}, { LICENSE: 'MIT\n', 'schemas/policy.schema.json': '{}\n' }, ['README.md']), workspace({}, schema))).toEqual([
      '@oversight/cli: ships no README.md',
      "@oversight/cli: ships a LICENSE that differs from the repository's",
      "@oversight/cli: ships a schemas/policy.schema.json that differs from the repository's",
    ]);
    expect(packedPackageProblems(packed({}, {}, ['LICENSE']), workspace())).toEqual(['@oversight/cli: ships no LICENSE']);
  });

  it('refuses files no source builds: stale outputs of a removed module, source maps, tests', () => {
    const extra = { 'dist/removed.js': 'export {};\n', 'dist/index.js.map': '{}', 'dist/bin.test.js': '' };
    expect(packedPackageProblems(packed({}, extra), workspace())).toEqual([
      '@oversight/cli: ships dist/bin.test.js, which no file in src/ builds (a stale build output, a source map or a test?)',
      '@oversight/cli: ships dist/index.js.map, which no file in src/ builds (a stale build output, a source map or a test?)',
      '@oversight/cli: ships dist/removed.js, which no file in src/ builds (a stale build output, a source map or a test?)',
    ]);
  });

  it('refuses a tarball packed under another name or version than the workspace package', () => {
    expect(packedPackageProblems(packed({ version: '0.0.1' }), workspace())).toEqual([
      '@oversight/cli: packed as @oversight/cli@0.0.1, but the workspace has @oversight/cli@0.1.0',
    ]);
  });
});
