import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import fg from 'fast-glob';

const CASES_FILE = /\.cases\.ya?ml$/;
const YAML_FILE = /\.ya?ml$/;

export type CasesFiles = { ok: true; files: string[] } | { ok: false; message: string };

const isFile = (path: string) => stat(path).then((info) => info.isFile(), () => false);

/** The cases file beside a policy `x.yaml`: `x.cases.yaml` (or `.yml`), if there is one. */
async function casesFileOf(policy: string, cwd: string): Promise<string | undefined> {
  const stem = basename(policy).replace(YAML_FILE, '');
  for (const name of [`${stem}.cases.yaml`, `${stem}.cases.yml`]) {
    const candidate = join(dirname(policy), name);
    if (await isFile(resolve(cwd, candidate))) return candidate;
  }
  return undefined;
}

/**
 * The cases files the command line names, relative to `cwd`, sorted and
 * without duplicates: a cases file as it is, a policy's cases file beside it,
 * every cases file under a folder, or what a glob matches. A path that names
 * nothing to run is a usage error, so a typo never passes as "0 cases".
 */
export async function findCasesFiles(paths: readonly string[], cwd: string): Promise<CasesFiles> {
  const found = new Set<string>();
  const add = (file: string) => found.add(relative(cwd, resolve(cwd, file)) || file);
  for (const path of paths) {
    const info = await stat(resolve(cwd, path)).catch(() => undefined);
    if (info?.isDirectory()) {
      const matches = await fg('**/*.cases.{yaml,yml}', { cwd: resolve(cwd, path), ignore: ['**/node_modules/**'], onlyFiles: true });
      if (matches.length === 0) return { ok: false, message: `'${path}' holds no cases file (*.cases.yaml)` };
      for (const match of matches) add(join(path, match));
    } else if (info?.isFile()) {
      if (CASES_FILE.test(path)) {
        add(path);
        continue;
      }
      if (!YAML_FILE.test(path)) return { ok: false, message: `'${path}' is neither a cases file (*.cases.yaml) nor a policy (*.yaml)` };
      const cases = await casesFileOf(path, cwd);
      if (cases === undefined) return { ok: false, message: `policy '${path}' has no cases file beside it: write ${join(dirname(path), basename(path).replace(YAML_FILE, '.cases.yaml'))}` };
      add(cases);
    } else if (fg.isDynamicPattern(path)) {
      // A glob may match policies and their cases files alike: a policy without cases is passed over.
      const matches = await fg(path, { cwd, ignore: ['**/node_modules/**'], onlyFiles: true });
      let matched = 0;
      for (const match of matches.filter((file) => YAML_FILE.test(file))) {
        const cases = CASES_FILE.test(match) ? match : await casesFileOf(match, cwd);
        if (cases === undefined) continue;
        add(cases);
        matched += 1;
      }
      if (matched === 0) return { ok: false, message: `'${path}' matches no cases file` };
    } else {
      return { ok: false, message: `'${path}' does not exist` };
    }
  }
  return { ok: true, files: [...found].sort() };
}
