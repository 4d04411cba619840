// Copies /schemas/*.json into this package's schemas/ before it is packed (the
// prepack script), so a service resolves `@oversight/core/schemas/<name>.json`
// and an editor's `$schema` line can point into node_modules/@oversight/core/schemas/.
// /schemas stays the one source: the copy is gitignored and rewritten whole each time.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';

const from = new URL('../../../schemas/', import.meta.url);
const to = new URL('../schemas/', import.meta.url);

rmSync(to, { recursive: true, force: true });
mkdirSync(to);
for (const name of readdirSync(from).filter((file) => file.endsWith('.json')).sort()) {
  copyFileSync(new URL(name, from), new URL(name, to));
}
