// Types of packed-package.mjs, for its test (the scripts are plain Node ESM, run without a build).

/** A package.json, as much of it as the checks read. */
export interface Manifest {
  name: string;
  version: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
  main?: string;
  types?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** One unpacked tarball: its package.json, its files (paths relative to the package root) and a reader of them. */
export interface PackedPackage {
  manifest: Manifest;
  files: readonly string[];
  read(file: string): string;
}

/** What the workspace says the package should be. */
export interface WorkspacePackage {
  /** Its package.json in the workspace, before pnpm rewrites it. */
  manifest: Manifest;
  /** The version of every workspace package, by name. */
  versions: Readonly<Record<string, string>>;
  /** Its sources, relative to src/ and without `.ts` (`commands/eval`), tests left out. */
  sources: readonly string[];
  /** Files it must ship with exactly this content (LICENSE, core's schemas). */
  expectedFiles: Readonly<Record<string, string>>;
}

export function packedPackageProblems(packed: PackedPackage, workspace: WorkspacePackage): string[];
