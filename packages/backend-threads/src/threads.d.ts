// threads 1.7 ships no types for its ESM entry points: the part of its API this backend uses.
declare module 'threads' {
  import type { Worker as NodeWorker, WorkerOptions } from 'node:worker_threads';

  export class Worker extends NodeWorker {
    /** `options` go on to node:worker_threads' Worker. */
    constructor(scriptPath: string, options?: WorkerOptions);
  }
  export interface QueuedTask<T> extends PromiseLike<T> {
    cancel(): void;
  }
  export interface WorkerPool<ThreadType> {
    queue<T>(task: (thread: ThreadType) => Promise<T>): QueuedTask<T>;
    terminate(force?: boolean): Promise<void>;
  }
  export function spawn<Exposed>(worker: Worker): Promise<Exposed>;
  export function Pool<ThreadType>(spawnWorker: () => Promise<ThreadType>, options: { size: number; concurrency?: number }): WorkerPool<ThreadType>;
}

declare module 'threads/worker' {
  export function expose(api: Record<string, (...args: never[]) => unknown>): void;
}
