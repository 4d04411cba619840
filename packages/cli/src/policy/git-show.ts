import { execFile } from 'node:child_process';
import type { GitShow } from './read-policy.js';

/**
 * `git show revision:path`, so CI compares a PR's policy with main's without a
 * second checkout. A path without `./` is relative to the repository root,
 * as git reads it.
 */
export const gitShow: GitShow = (revision, path, cwd) =>
  new Promise((resolve) => {
    execFile('git', ['show', `${revision}:${path}`], { cwd, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) resolve({ ok: true, text: stdout });
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT') resolve({ ok: false, message: 'git is not installed' });
      else resolve({ ok: false, message: stderr.trim().split('\n')[0] || error.message });
    });
  });
