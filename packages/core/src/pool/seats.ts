import { OutOfMemoryError, WorkerExitedError, isOutOfMemory, messageOf } from '../errors.js';

/** Where a task sits: its worker writes its thread id at `board[index]` when it starts the task. */
export interface Seat {
  board: Int32Array;
  index: number;
}

export interface Seats {
  /** Gives `start` a seat for one task, and settles with the task, or with `failThread`'s error. */
  occupy<T>(start: (seat: Seat) => PromiseLike<T>): Promise<T>;
  /**
   * Rejects every task that thread `threadId` had taken: with `error` those it was running, and
   * with an error of no parabench code those it had returned but whose outcome never arrived.
   */
  failThread(threadId: number, error: Error): void;
}

/**
 * Tasks in flight on a pool library that does not reject them when their thread dies
 * (threads.js; tinypool on `process.exit()`), each with a seat in shared memory where the worker
 * that takes it signs with its thread id (`runSeatedTask`), and signs again, negated, when it
 * hands the outcome back. When a thread exits, exactly the tasks it had taken fail; the others go
 * on. A task it was still running crashed with it. A task it had returned did not: the library
 * could not send its outcome (a result that cannot be cloned makes some libraries end the
 * thread), and whether the exit or the library's own error arrives first is a race. Such a task
 * fails with an error of no parabench code, as the library's would, so that the task pool
 * classifies both the same way (it locates the result that cannot be sent).
 */
export function createSeats(capacity = 4096): Seats {
  const board = new Int32Array(new SharedArrayBuffer(capacity * Int32Array.BYTES_PER_ELEMENT));
  const taken = new Map<number, (error: Error) => void>();
  let next = 0;
  const freeIndex = (): number => {
    for (let tries = 0; tries < capacity; tries++) {
      const index = next++ % capacity;
      if (!taken.has(index)) return index;
    }
    throw new Error(`more than ${capacity} tasks in flight`);
  };
  return {
    occupy<T>(start: (seat: Seat) => PromiseLike<T>): Promise<T> {
      const index = freeIndex();
      Atomics.store(board, index, 0);
      return new Promise<T>((resolve, reject) => {
        taken.set(index, reject);
        let running: PromiseLike<T>;
        try {
          running = start({ board, index });
        } catch (error) {
          taken.delete(index);
          throw error;
        }
        running.then(
          (value) => (taken.delete(index), resolve(value)),
          (error: unknown) => (taken.delete(index), reject(error)),
        );
      });
    },
    failThread(threadId, error) {
      const undelivered = new Error(`thread ${threadId} exited after returning the task's outcome, which never arrived`, { cause: error });
      for (const [index, reject] of taken) {
        const signed = Atomics.load(board, index);
        if (signed === threadId) reject(error);
        else if (signed === -threadId) reject(undelivered);
      }
    },
  };
}

/** How a thread ended, in words, from its exit code and the uncaught error it reported, if any. */
export function threadExitDetail(code: number, uncaught: unknown): string {
  return uncaught === undefined ? `thread exited with code ${code}` : `thread failed with an uncaught error: ${messageOf(uncaught)}`;
}

/** What a thread's exit means for the tasks it held: out of memory where its uncaught error says so. */
export function threadExitError(code: number, uncaught: unknown): Error {
  const detail = threadExitDetail(code, uncaught);
  return isOutOfMemory(uncaught) ? new OutOfMemoryError(detail, { cause: uncaught }) : new WorkerExitedError(detail, { cause: uncaught });
}
