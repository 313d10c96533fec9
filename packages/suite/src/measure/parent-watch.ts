// A thread of the measuring process that watches for the supervising CLI's death. The IPC
// channel's 'disconnect' ends the process too, but only once its main thread is free; this thread
// acts even while the main thread is stuck in a workload's endless loop.
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { descendants } from './resources.js';

const POLL_MS = 500;

/** Starts the watch: when the parent is gone, the process's own children are killed, then the process. */
export function watchParent(): void {
  new Worker(new URL(import.meta.url), { workerData: { watchedParent: process.ppid } }).unref();
}

const watched = isMainThread ? undefined : (workerData as { watchedParent?: number } | undefined)?.watchedParent;
if (watched !== undefined) {
  const parent = watched;
  setInterval(() => {
    if (process.ppid === parent) return;
    for (const pid of descendants()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.kill(process.pid, 'SIGKILL');
  }, POLL_MS);
}
