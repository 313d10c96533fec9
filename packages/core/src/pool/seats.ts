import { OutOfMemoryError, WorkerExitedError, isOutOfMemory, messageOf } from '../errors.js';
import { fileBoard, memoryBoard, type Seat } from './seat-board.js';

export type { Seat } from './seat-board.js';

export interface Seats {
  /** Gives `start` a seat for one task, and settles with the task, or with `failWorker`'s error. */
  occupy<T>(start: (seat: Seat) => PromiseLike<T>): Promise<T>;
  /**
   * Rejects every task that worker `id` (a thread id, or a process id with `across: 'processes'`)
   * had taken: with `error` those it was running, and with an error of no parabench code those
   * it had returned but whose outcome never arrived.
   */
  failWorker(id: number, error: Error): void;
  /** Releases the board (a process board is a file). */
  close(): void;
}

/**
 * Tasks in flight on a pool library that does not reject them when their worker dies
 * (threads.js; tinypool on `process.exit()`; poolifier), each with a seat where the worker that
 * takes it signs with its id (`runSeatedTask`), and signs again, negated, when it hands the
 * outcome back. When a worker exits, exactly the tasks it had taken fail; the others go on. A
 * task it was still running crashed with it. A task it had returned did not: the library could
 * not send its outcome (a result that cannot be cloned makes some libraries end the thread), and
 * whether the exit or the library's own error arrives first is a race. Such a task fails with an
 * error of no parabench code, as the library's would, so that the task pool classifies both the
 * same way (it locates the result that cannot be sent). Threads sign in shared memory, processes
 * in a small file.
 */
export function createSeats(options: { across?: 'threads' | 'processes' } = {}): Seats {
  const board = options.across === 'processes' ? fileBoard() : memoryBoard();
  const taken = new Map<number, (error: Error) => void>();
  // Seats are reused once their task settles; the board grows only while more tasks are in flight than ever before.
  const free: number[] = [];
  let next = 0;
  const release = (index: number): void => {
    taken.delete(index);
    free.push(index);
  };
  return {
    occupy<T>(start: (seat: Seat) => PromiseLike<T>): Promise<T> {
      const index = free.pop() ?? next++;
      board.clear(index);
      return new Promise<T>((resolve, reject) => {
        taken.set(index, reject);
        let running: PromiseLike<T>;
        try {
          running = start(board.seat(index));
        } catch (error) {
          release(index);
          throw error;
        }
        running.then(
          (value) => {
            release(index);
            resolve(value);
          },
          (error: unknown) => {
            release(index);
            reject(error);
          },
        );
      });
    },
    failWorker(id, error) {
      const undelivered = new Error(`worker ${id} exited after returning the task's outcome, which never arrived`, { cause: error });
      for (const [index, reject] of taken) {
        const signed = board.read(index);
        if (signed === id) reject(error);
        else if (signed === -id) reject(undelivered);
      }
    },
    close: () => board.close(),
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
