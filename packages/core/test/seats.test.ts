import { describe, expect, it } from 'vitest';
import { createSeats } from '../src/pool/index.js';
import { WorkerExitedError } from '../src/index.js';

// Worker threads have ids from 1; a task's seat holds its thread's id while it runs and the id
// negated once the worker has returned its outcome (what `runSeatedTask` writes).
const THREAD = 7;
const never = new Promise<never>(() => undefined);

describe('createSeats', () => {
  it('fails the tasks a thread was running when it exits, as a crash, and leaves other threads\' tasks alone', async () => {
    const seats = createSeats();
    const running = seats.occupy((seat) => (Atomics.store(seat.board, seat.index, THREAD), never));
    const elsewhere = seats.occupy((seat) => (Atomics.store(seat.board, seat.index, THREAD + 1), Promise.resolve('done')));
    seats.failThread(THREAD, new WorkerExitedError('thread exited with code 1'));
    await expect(running).rejects.toMatchObject({ code: 'PARABENCH_WORKER_EXITED' });
    await expect(elsewhere).resolves.toBe('done');
  });

  it('fails a task the thread had returned, but whose outcome never arrived, with an uncoded error, as the library\'s own would be', async () => {
    const seats = createSeats();
    const returned = seats.occupy((seat) => (Atomics.store(seat.board, seat.index, -THREAD), never));
    seats.failThread(THREAD, new WorkerExitedError('thread exited with code 1'));
    const error = await returned.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty('code');
    expect((error as Error).message).toBe(`thread ${THREAD} exited after returning the task's outcome, which never arrived`);
  });

  it('settles a task with its own outcome when the library delivers it first, whatever exits after', async () => {
    const seats = createSeats();
    const delivered = seats.occupy((seat) => (Atomics.store(seat.board, seat.index, -THREAD), Promise.resolve('outcome')));
    await expect(delivered).resolves.toBe('outcome');
    seats.failThread(THREAD, new WorkerExitedError('thread exited with code 1'));
    await expect(delivered).resolves.toBe('outcome');
  });
});
