/** Where a task sits: its worker writes its thread id at `board[index]` when it starts the task. */
export interface Seat {
  board: Int32Array;
  index: number;
}

export interface Seats {
  /** Gives `start` a seat for one task, and settles with the task, or with `failThread`'s error. */
  occupy<T>(start: (seat: Seat) => PromiseLike<T>): Promise<T>;
  /** Rejects every task that thread `threadId` had taken. */
  failThread(threadId: number, error: Error): void;
}

/**
 * Tasks in flight on a pool library that does not reject them when their thread dies
 * (threads.js; tinypool on `process.exit()`), each with a seat in shared memory where the worker
 * that takes it signs with its thread id (`runSeatedTask`). When a thread exits, exactly the
 * tasks it had taken fail; the others go on.
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
      for (const [index, reject] of taken) if (Atomics.load(board, index) === threadId) reject(error);
    },
  };
}
