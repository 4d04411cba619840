// A throwaway PostgreSQL cluster for tests and benchmarks: a temporary
// directory, a free loopback port, started with Debian's (or any) initdb and
// pg_ctl, stopped and removed afterwards. Two test runs at once get two
// clusters. OVERSIGHT_TEST_DATABASE_URL points tests at an existing server instead.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresCluster {
  /** A connection string for the cluster's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** `off` for tests that do not crash PostgreSQL itself; benchmarks keep the default (`on`). */
  fsync?: 'on' | 'off';
}

/** Where initdb and pg_ctl are: OVERSIGHT_PG_BIN, or the newest /usr/lib/postgresql/<version>/bin (Debian keeps them off PATH). */
export function postgresBinDir(): string {
  const configured = process.env.OVERSIGHT_PG_BIN;
  if (configured) return configured;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0] === undefined) {
    throw new Error(
      "PostgreSQL's initdb was not found in /usr/lib/postgresql/<version>/bin: install Debian's postgresql (apt-get install postgresql), set OVERSIGHT_PG_BIN to the directory holding initdb and pg_ctl, or set OVERSIGHT_TEST_DATABASE_URL to an existing server",
    );
  }
  return join(root, versions[0], 'bin');
}

/** Starts a cluster of its own (or uses OVERSIGHT_TEST_DATABASE_URL, which it then leaves running). */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresCluster> {
  const existing = process.env.OVERSIGHT_TEST_DATABASE_URL;
  if (existing) return { url: existing, stop: () => Promise.resolve() };
  const bin = postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'oversight-pg-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? await postgresUid() : undefined;
  if (user) await chown(dir, user.uid, user.gid);
  const exec = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args]) : run(join(bin, program), args);
  const port = await freePort();
  try {
    await exec('initdb', ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '-D', data]);
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${options.fsync ?? 'on'} -c max_connections=200`;
    await exec('pg_ctl', ['-w', '-t', '120', '-D', data, '-l', join(dir, 'server.log'), '-o', settings, 'start']);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL could not be started in ${dir} (${(error as Error).message.trim()}); the store's tests need it: install Debian's postgresql or set OVERSIGHT_TEST_DATABASE_URL`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await exec('pg_ctl', ['-w', '-t', '120', '-D', data, '-m', 'fast', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresUid(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
    throw new Error("running as root, PostgreSQL needs the 'postgres' user, which Debian's postgresql package creates: apt-get install postgresql");
  });
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
}

/** A loopback port free now: one the system hands out and takes back. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
