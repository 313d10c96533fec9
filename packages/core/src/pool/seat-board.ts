import { closeSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * A task's place on a seat board, where the worker that takes it signs. Threads of one process
 * share memory; processes share a small file instead, since shared memory cannot cross IPC.
 * Both forms survive structured clone, and the file form survives JSON too.
 */
export type Seat = { board: Int32Array; index: number } | { file: string; index: number };

/** The main side of a seat board. */
export interface SeatBoard {
  seat(index: number): Seat;
  clear(index: number): void;
  /** Who signed: 0 for nobody, an id while running, the id negated once the outcome was handed back. */
  read(index: number): number;
  close(): void;
}

/** Seats per shared-memory page: a board grows by pages, so any number of tasks can be in flight. */
const PAGE = 4096;

/** A board in shared memory, signed with thread ids. */
export function memoryBoard(): SeatBoard {
  const pages: Int32Array[] = [];
  const cell = (index: number): { board: Int32Array; index: number } => {
    const page = Math.floor(index / PAGE);
    while (pages.length <= page) pages.push(new Int32Array(new SharedArrayBuffer(PAGE * Int32Array.BYTES_PER_ELEMENT)));
    return { board: pages[page] as Int32Array, index: index % PAGE };
  };
  return {
    seat: cell,
    clear(index) {
      const seat = cell(index);
      Atomics.store(seat.board, seat.index, 0);
    },
    read(index) {
      const seat = cell(index);
      return Atomics.load(seat.board, seat.index);
    },
    close() {},
  };
}

let boards = 0;
/** This process's open boards, removed when it exits without closing them. */
const unclosed = new Set<string>();
const BOARD_NAME = /^parabench-seats-(\d+)-/;

/** A board in a file of 32-bit cells, signed with process ids; it grows as seats are used, and `close()` removes it. */
export function fileBoard(): SeatBoard {
  if (boards === 0) firstBoard();
  const file = join(tmpdir(), `parabench-seats-${process.pid}-${threadId}-${++boards}`);
  const fd = openSync(file, 'w+', 0o600);
  unclosed.add(file);
  const cell = Buffer.alloc(4);
  const zero = Buffer.alloc(4);
  let closed = false;
  return {
    seat: (index) => ({ file, index }),
    clear: (index) => void writeSync(fd, zero, 0, 4, index * 4),
    read(index) {
      cell.fill(0);
      readSync(fd, cell, 0, 4, index * 4);
      return cell.readInt32LE(0);
    },
    close() {
      if (closed) return;
      closed = true;
      unclosed.delete(file);
      closeSync(fd);
      rmSync(file, { force: true });
    },
  };
}

/**
 * Once per process: boards are removed at exit if still open, and boards left by processes that
 * no longer run (killed before they could remove theirs; the pid is in the name) are removed.
 * A process of another pid namespace sharing this temporary folder would look dead: such setups
 * should give each namespace its own `TMPDIR`.
 */
function firstBoard(): void {
  process.once('exit', () => {
    for (const file of unclosed) rmSync(file, { force: true });
  });
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(BOARD_NAME.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) rmSync(join(tmpdir(), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const openBoards = new Map<string, number>();
const signature = Buffer.alloc(4);

/** The worker's side: signs `seat` with `id` (a thread id, or a process id for a file board). */
export function signSeat(seat: Seat, id: number): void {
  if ('board' in seat) return void Atomics.store(seat.board, seat.index, id);
  let fd = openBoards.get(seat.file);
  if (fd === undefined) {
    fd = openSync(seat.file, 'r+');
    openBoards.set(seat.file, fd);
  }
  signature.writeInt32LE(id, 0);
  writeSync(fd, signature, 0, 4, seat.index * 4);
}

/** This worker's id on a board of the seat's kind. */
export function signerId(seat: Seat): number {
  return 'board' in seat ? threadId : process.pid;
}
