import type { Readable, Writable } from 'node:stream';
import type { OpenFileStream, ReadTextFile } from './files/file-access.js';

/** Everything the CLI touches outside itself, so `run` can be driven in-process by tests. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** stdout is a terminal a person reads: turns colour on in `--format pretty`. */
  isTTY?: boolean;
  /** stderr is a terminal: a long replay shows a progress bar there. */
  stderrIsTTY?: boolean;
  /** Where relative paths on the command line start. */
  cwd: string;
  /** Reads a policy file (absolute path). Defaults to the file system. */
  readFile?: ReadTextFile;
  /** Opens a facts file (absolute path) for streaming. Defaults to the file system. */
  openFile?: OpenFileStream;
  /** The clock used when `--now` is not given. Defaults to the current time. */
  now?: () => Date;
}
