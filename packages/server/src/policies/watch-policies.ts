// Watches the policies path and calls back once a burst of changes has
// settled: an editor's save is often several events (write, rename, chmod).
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface PolicyWatch {
  close(): void;
}

export interface WatchOptions {
  path: string;
  isDirectory: boolean;
  onChange: () => void;
  onError: (error: Error) => void;
  debounceMs?: number;
}

/** Calls `onChange` once each burst of changes to the policies has been quiet for `debounceMs`. */
export function watchPolicies(options: WatchOptions): PolicyWatch {
  const { path, isDirectory, onChange, onError, debounceMs = 100 } = options;
  let timer: NodeJS.Timeout | undefined;
  const changed = (name: string | null): void => {
    if (name !== null && isScratchFile(basename(name))) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  };
  // A single file is watched through its directory: editors that save by
  // renaming a new file over the old one would leave a watch on the file itself deaf.
  const target = basename(path);
  const watcher: FSWatcher = isDirectory
    ? watch(path, { recursive: true, persistent: false }, (_event, name) => changed(name))
    : watch(dirname(path), { persistent: false }, (_event, name) => {
        if (name === null || name === target) changed(name);
      });
  watcher.on('error', onError);
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

/** Editor swap and backup files: their changes never change a policy. */
function isScratchFile(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp');
}
