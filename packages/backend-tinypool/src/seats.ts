/** Where a task sits: its worker writes its thread id at `board[index]` when it starts the task. */
export interface Seat {
  board: Int32Array;
  index: number;
}

/**
 * Tasks in flight, each with a seat in shared memory where the worker that takes it signs with
 * its thread id. When a thread exits, exactly the tasks it had taken fail; the others go on.
 */
export function createSeats(capacity = 4096): {
  occupy<T>(start: (seat: Seat) => Promise<T>): Promise<T>;
  failThread(threadId: number, error: Error): void;
} {
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
    occupy<T>(start: (seat: Seat) => Promise<T>): Promise<T> {
      const index = freeIndex();
      Atomics.store(board, index, 0);
      return new Promise<T>((resolve, reject) => {
        taken.set(index, reject);
        let running: Promise<T>;
        try {
          running = start({ board, index });
        } catch (error) {
          taken.delete(index);
          throw error;
        }
        running.then(resolve, reject).finally(() => taken.delete(index));
      });
    },
    failThread(threadId, error) {
      for (const [index, reject] of taken) if (Atomics.load(board, index) === threadId) reject(error);
    },
  };
}
