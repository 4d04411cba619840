// What `pnpm test` needs beyond Node packages: Debian's chromium, which the
// HTML report test opens the reports in. Installs it where this machine can
// (root, apt-get), as .ci/run relies on; elsewhere says what to install and
// fails, so the browser test never silently passes without a browser.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function canInstall() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  try {
    execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (!existsSync(CHROMIUM)) {
  if (!canInstall()) {
    console.error(`pnpm test needs Debian's chromium at ${CHROMIUM} (the HTML report test opens the reports in it).`);
    console.error('Install it, then run pnpm test again:  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium');
    process.exit(1);
  }
  console.error(`Installing chromium (${CHROMIUM} is missing; the HTML report test needs it) ...`);
  execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM)) {
    console.error(`apt-get installed chromium, but ${CHROMIUM} is still missing: install Debian's chromium package by hand.`);
    process.exit(1);
  }
}
