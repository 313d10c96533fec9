import { threadId } from 'node:worker_threads';
import { runChunkTask, type ChunkTask, type TaskOutcome } from '@parabench/core/pool';
import type { Seat } from './seats.js';

/** Signs the task's seat with this thread's id, so that the pool knows whose tasks die with it. */
export default function run({ seat, ...task }: ChunkTask & { seat: Seat }): Promise<TaskOutcome> {
  Atomics.store(seat.board, seat.index, threadId);
  return runChunkTask(task);
}
