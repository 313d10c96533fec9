import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const probeScript = fileURLToPath(new URL('./capacity-probe.js', import.meta.url));

/** How much parallel work the machine gave at one moment, per worker count. */
export interface CapacityMeasurement {
  /** When it was measured. */
  at: string;
  /** Worker count → capacity: N × (time of the kernel alone) ÷ (time for N copies at once to finish). */
  byWorkers: Record<number, number>;
}

/**
 * Measures the machine's parallel capacity for each worker count: the sum-range kernel in N
 * separate processes at once against one alone. On N idle cores this is about N; a busy
 * neighbour lowers it. The best of `trials` runs is kept, since interference only slows.
 */
export async function measureCapacity(workerCounts: readonly number[], trials = 2, rounds = 24): Promise<CapacityMeasurement> {
  const byWorkers: Record<number, number> = {};
  let alone = Number.POSITIVE_INFINITY;
  for (let t = 0; t < trials; t++) alone = Math.min(alone, await runTogether(1, rounds));
  for (const n of [...new Set(workerCounts)].sort((a, b) => a - b)) {
    if (n === 1) {
      byWorkers[1] = 1;
      continue;
    }
    let together = Number.POSITIVE_INFINITY;
    for (let t = 0; t < trials; t++) together = Math.min(together, await runTogether(n, rounds));
    byWorkers[n] = (n * alone) / together;
  }
  return { at: new Date().toISOString(), byWorkers };
}

/** Starts `n` probes, lets them go at once, and returns the time until the last one finished, in ms. */
async function runTogether(n: number, rounds: number): Promise<number> {
  const probes = Array.from({ length: n }, () =>
    spawn(process.execPath, [probeScript, String(rounds)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  try {
    const lines = probes.map((probe) => createInterface({ input: probe.stdout! })[Symbol.asyncIterator]());
    await Promise.all(lines.map((line) => line.next()));
    const started = performance.now();
    for (const probe of probes) probe.stdin!.write('go\n');
    await Promise.all(lines.map((line) => line.next()));
    // The makespan, not the mean: N units of work done in this time, against one unit alone.
    return performance.now() - started;
  } finally {
    await Promise.all(probes.map(stop));
  }
}

async function stop(probe: ChildProcess): Promise<void> {
  if (probe.exitCode !== null || probe.signalCode !== null) return;
  probe.kill('SIGKILL');
  await once(probe, 'exit');
}
