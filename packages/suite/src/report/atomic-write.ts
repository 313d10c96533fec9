import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` to `path` so that the path always holds a whole file, the old one or the new:
 * the text goes to a file beside it, is flushed to disk, and is renamed over it. A process
 * killed mid-write (even by SIGKILL) leaves at most a stray `.tmp` file, never half a report.
 */
export function writeAtomically(path: string, text: string): void {
  makeDirectory(dirname(path));
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Creates `dir` and its missing parents, one level at a time. (`mkdirSync` with `recursive` never
 * returns for a folder under /proc on Node 20: it retries the ENOENT forever.)
 */
function makeDirectory(dir: string): void {
  if (existsSync(dir) || dirname(dir) === dir) return;
  makeDirectory(dirname(dir));
  mkdirSync(dir);
}
