// What `pnpm test` needs beyond Node packages: Debian's chromium, which the
// HTML report test opens the reports in, and Debian's postgresql, whose
// initdb and pg_ctl the PostgreSQL store's and the server's tests start a
// throwaway cluster with (each test run its own). Installs them where this
// machine can (root, apt-get), as .ci/run relies on; elsewhere says what to
// install and fails, so no test silently passes without them.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const POSTGRES_ROOT = '/usr/lib/postgresql';

function canInstall() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  try {
    execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function hasPostgres() {
  if (process.env.OVERSIGHT_TEST_DATABASE_URL || process.env.OVERSIGHT_PG_BIN) return true;
  return existsSync(POSTGRES_ROOT) && readdirSync(POSTGRES_ROOT).some((version) => existsSync(`${POSTGRES_ROOT}/${version}/bin/initdb`));
}

const missing = [
  !existsSync(CHROMIUM) && { name: 'chromium', why: `${CHROMIUM} is missing; the HTML report test needs it` },
  !hasPostgres() && { name: 'postgresql', why: `no initdb in ${POSTGRES_ROOT}/<version>/bin; the PostgreSQL store's tests start a cluster with it` },
].filter(Boolean);

if (missing.length > 0) {
  const names = missing.map((item) => item.name);
  if (!canInstall()) {
    for (const item of missing) console.error(`pnpm test needs Debian's ${item.name}: ${item.why}.`);
    console.error(`Install it, then run pnpm test again:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${names.join(' ')}`);
    console.error('(For PostgreSQL, OVERSIGHT_TEST_DATABASE_URL=postgres://... points the tests at an existing server instead.)');
    process.exit(1);
  }
  for (const item of missing) console.error(`Installing ${item.name} (${item.why}) ...`);
  execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...names], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM) || !hasPostgres()) {
    console.error(`apt-get installed ${names.join(' and ')}, but ${!existsSync(CHROMIUM) ? CHROMIUM : `${POSTGRES_ROOT}/<version>/bin/initdb`} is still missing: install Debian's package by hand.`);
    process.exit(1);
  }
}
