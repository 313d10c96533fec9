// One thread of the capacity probe: runs the sum-range kernel `units` times per request and
// answers with the total, so that the work cannot be optimised away.
import { parentPort } from 'node:worker_threads';
import { sumBelow } from '@parabench/workloads/sum-range';

/** One unit: about 6 ms of one core on a 2020s x86 server. */
const UNIT_BOUND = 10_000_000;

parentPort?.on('message', (units: number) => {
  let total = 0;
  for (let i = 0; i < units; i++) total += sumBelow(UNIT_BOUND);
  parentPort?.postMessage(total);
});
