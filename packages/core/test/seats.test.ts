import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createSeats, type Seats } from '../src/pool/index.js';
import { signSeat } from '../src/pool/seat-board.js';
import { WorkerExitedError } from '../src/index.js';

// Workers have ids from 1 (thread ids, or process ids on a process board); a task's seat holds its
// worker's id while it runs and the id negated once the worker has returned its outcome (what
// `runSeatedTask` writes).
const THREAD = 7;
const never = new Promise<never>(() => undefined);

describe.each(['threads', 'processes'] as const)('createSeats across %s', (across) => {
  const opened: Seats[] = [];
  const open = (): Seats => {
    const seats = createSeats({ across });
    opened.push(seats);
    return seats;
  };
  afterEach(() => {
    for (const seats of opened.splice(0)) seats.close();
  });

  it("fails the tasks a thread was running when it exits, as a crash, and leaves other threads' tasks alone", async () => {
    const seats = open();
    const running = seats.occupy((seat) => {
      signSeat(seat, THREAD);
      return never;
    });
    const elsewhere = seats.occupy((seat) => {
      signSeat(seat, THREAD + 1);
      return Promise.resolve('done');
    });
    seats.failWorker(THREAD, new WorkerExitedError('thread exited with code 1'));
    await expect(running).rejects.toMatchObject({ code: 'PARABENCH_WORKER_EXITED' });
    await expect(elsewhere).resolves.toBe('done');
  });

  it("fails a task the thread had returned, but whose outcome never arrived, with an uncoded error, as the library's own would be", async () => {
    const seats = open();
    const returned = seats.occupy((seat) => {
      signSeat(seat, -THREAD);
      return never;
    });
    seats.failWorker(THREAD, new WorkerExitedError('thread exited with code 1'));
    const error = await returned.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty('code');
    expect((error as Error).message).toBe(`worker ${THREAD} exited after returning the task's outcome, which never arrived`);
  });

  it('settles a task with its own outcome when the library delivers it first, whatever exits after', async () => {
    const seats = open();
    const delivered = seats.occupy((seat) => {
      signSeat(seat, -THREAD);
      return Promise.resolve('outcome');
    });
    await expect(delivered).resolves.toBe('outcome');
    seats.failWorker(THREAD, new WorkerExitedError('thread exited with code 1'));
    await expect(delivered).resolves.toBe('outcome');
  });

  it("takes more tasks in flight than one page of seats holds, and fails only the dead worker's", async () => {
    const seats = open();
    const tasks = Array.from({ length: 5000 }, (_, i) =>
      seats.occupy((seat) => {
        signSeat(seat, i === 4500 ? THREAD : THREAD + 1);
        return i === 4500 ? never : Promise.resolve(i);
      }),
    );
    seats.failWorker(THREAD, new WorkerExitedError('thread exited with code 1'));
    const outcomes = await Promise.allSettled(tasks);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((_, i) => i)).toHaveLength(1);
    expect(outcomes[4500]).toMatchObject({ status: 'rejected' });
    seats.close();
  });

  it('keeps a process board in a file that close() removes, once however often it is called', async () => {
    const seats = open();
    let file: string | undefined;
    await seats.occupy(async (seat) => {
      file = 'file' in seat ? seat.file : undefined;
    });
    if (across === 'processes') expect(file !== undefined && existsSync(file)).toBe(true);
    seats.close();
    seats.close();
    if (file !== undefined) expect(existsSync(file)).toBe(false);
  });
});

describe('process boards left behind', () => {
  const core = new URL('../dist/pool/index.js', import.meta.url).href;
  // A process that takes one seat on a process board, prints the board's file, then exits without closing it, or hangs.
  const script = `import { createSeats } from ${JSON.stringify(core)};
const seats = createSeats({ across: 'processes' });
await seats.occupy(async (seat) => console.log(seat.file));
if (process.argv[1] === 'hang') setInterval(() => {}, 1000);`;
  const start = (dir: string, mode: 'hang' | 'exit') => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, mode], {
      env: { ...process.env, TMPDIR: dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const file = new Promise<string>((resolve) => child.stdout.once('data', (data: Buffer) => resolve(data.toString().trim())));
    return { child, file };
  };

  it('removes its own board when the process exits without closing it, and a board whose process was killed when the next one opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parabench-boards-'));
    try {
      const killed = start(dir, 'hang');
      const killedFile = await killed.file;
      killed.child.kill('SIGKILL');
      await once(killed.child, 'exit');
      expect(readdirSync(dir)).toEqual([killedFile.split('/').pop()]);
      const next = start(dir, 'exit');
      expect(await next.file).toMatch(/parabench-seats-/);
      const [code] = await once(next.child, 'exit');
      expect(code).toBe(0);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
