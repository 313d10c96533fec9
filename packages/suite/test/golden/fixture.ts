// A fixed run that exercises every part of every report: a winner with ties and a scaling chart,
// a workload where nothing beats the loop (with a fault), failures of both kinds, a chunk-size
// sweep, a workload lost whole, a workload still to run, and a baseline to compare with.
import type { MachineInfo, RowMeasurement, WorkloadMeasurement } from '../../src/model/index.js';

export const MACHINE: MachineInfo = {
  cpuModel: 'Synthetic CPU @ 3.00GHz',
  physicalCores: 2,
  logicalCores: 4,
  availableParallelism: 4,
  cpuQuota: 2,
  node: 'v20.20.2',
  platform: 'linux',
  arch: 'x64',
  totalMemoryGiB: 23.5,
};

export const RAW_OPTIONS = { workers: '1,2,4', seed: '3', maxMemory: '2048', json: 'run.json', markdown: 'run.md', html: 'run.html' };

/** A machine whose load comes and goes, the same every time: the factor each round's times are scaled by. */
const load = (round: number): number => [1, 1.3, 1.05, 1.6, 1, 1.2, 1.45, 1.1, 1.25, 1, 1.35, 1.15][(round - 1) % 12] as number;
/** A row's own noise, deterministic. */
const noise = (round: number, spread: number, phase: number): number => 1 + spread * Math.sin(round * 2.3 + phase);

/** Forks of this many rounds each. */
const ROUNDS_PER_FORK = 2;

interface RowSpec {
  backend: string;
  workers: number;
  runsOn?: RowMeasurement['runsOn'];
  /** The loop's time ÷ this row's. */
  speedup: number;
  spread?: number;
  rounds?: number;
  firstRound?: number;
  /** A factor per fork: a row whose processes differ. */
  forkShift?: (fork: number) => number;
  chunkSize?: RowMeasurement['chunkSize'];
  chunkSizeAuto?: boolean;
  stopped?: RowMeasurement['stopped'];
  /** CPU share of the reference: below 1 for work that waits. */
  cpuShare?: number;
  extra?: Partial<RowMeasurement>;
}

function row(workload: string, loopMs: number, spec: RowSpec, phase: number): RowMeasurement {
  const rounds = spec.rounds ?? 6;
  const first = spec.firstRound ?? 1;
  const samples = Array.from({ length: rounds }, (_, i) => {
    const round = first + i;
    const fork = Math.ceil(round / ROUNDS_PER_FORK);
    const ms = ((loopMs * load(round)) / spec.speedup) * noise(round, spec.spread ?? 0.01, phase) * (spec.forkShift?.(fork) ?? 1);
    return { fork, round, ms, cpuMs: ms * (spec.cpuShare ?? 1) * Math.min(spec.workers, 2), peakRssMb: 90 + spec.workers * 7 + i };
  });
  return {
    workload,
    backend: spec.backend,
    runsOn: spec.runsOn ?? (spec.backend === 'sequential' || spec.backend === 'async' ? 'main-thread' : spec.backend === 'cluster' ? 'processes' : 'threads'),
    workers: spec.workers,
    chunkSize: spec.chunkSize ?? null,
    ...(spec.chunkSizeAuto === undefined ? {} : { chunkSizeAuto: spec.chunkSizeAuto }),
    startupMs: spec.backend === 'sequential' ? 0.013 : 12 + spec.workers * 20.5,
    firstMapMs: loopMs * 1.4,
    samples,
    stopped: spec.stopped ?? 'finished',
    ...spec.extra,
  };
}

function workload(
  name: string,
  description: string,
  items: number,
  loopMs: number,
  specs: RowSpec[],
  extra: Partial<WorkloadMeasurement> = {},
): WorkloadMeasurement {
  const rows = [
    row(
      name,
      loopMs,
      { backend: 'sequential', workers: 1, speedup: 1, spread: 0, rounds: Math.max(...specs.map((s) => (s.firstRound ?? 1) - 1 + (s.rounds ?? 6)), 6) },
      0,
    ),
  ];
  rows[0]!.samples.forEach((sample) => {
    sample.cpuMs = sample.ms * (specs[0]?.cpuShare ?? 1);
  });
  for (const [i, spec] of specs.entries()) rows.push(row(name, loopMs, spec, i + 1));
  const rounds = rows[0]!.samples.length;
  const capacity = Array.from({ length: rounds }, (_, i) => ({
    fork: Math.ceil((i + 1) / ROUNDS_PER_FORK),
    round: i + 1,
    byWorkers: { 1: 1, 2: 2 - 0.2 * ((i % 4) / 3), 4: 2.1 - 0.3 * ((i % 3) / 2) },
  }));
  return {
    workload: name,
    runtime: 'node',
    description,
    items,
    reduced: undefined,
    sweep: undefined,
    rows,
    capacitySamples: capacity,
    marginFraction: 0.03,
    forks: Math.ceil(rounds / ROUNDS_PER_FORK),
    forkTimes: [12.5, 4.25, 4.5].map((seconds) => ({ seconds, roundsSeconds: seconds / 3, rounds: 2 })),
    seconds: 21.25,
    inputDigest: `digest-of-${name}`,
    ...extra,
  };
}

const failed = (code: string, message: string): Partial<RowMeasurement> => ({ stopped: 'failed', error: { code, message } });

/** A row racing dropped after the first fork, as `ratio` of the leader's speed-up. */
const droppedAgainst = (backend: string, workers: number, ratio: number): Pick<RowSpec, 'stopped' | 'extra'> => ({
  stopped: 'dropped',
  extra: { stopped: 'dropped', dropped: { round: 2, fork: 1, leader: { backend, workers }, ratio: { median: ratio, low: ratio * 0.95, high: ratio * 1.05 } } },
});

/** The measured workloads, in the order they ran. */
export function measurements(): WorkloadMeasurement[] {
  return [
    workload(
      'alpha',
      'CPU-bound: each item n sums the integers 0..n-1.',
      64,
      600,
      [
        { backend: 'async', workers: 1, speedup: 0.99, rounds: 2, ...droppedAgainst('fast', 2, 0.52) },
        { backend: 'async', workers: 2, speedup: 0.98, rounds: 2, ...droppedAgainst('fast', 2, 0.51) },
        { backend: 'fast', workers: 1, speedup: 0.97, rounds: 2, ...droppedAgainst('fast', 2, 0.5) },
        { backend: 'fast', workers: 2, speedup: 1.9, spread: 0.004 },
        { backend: 'fast', workers: 4, speedup: 1.895, spread: 0.004 },
        { backend: 'cluster', workers: 2, speedup: 1.8, spread: 0.004 },
        { backend: 'wobbly', workers: 2, speedup: 1.85, spread: 0.2 },
      ],
      { reduced: 3_199_999_680_000_000 },
    ),
    workload('beta', 'Tiny tasks: many items of almost no work each.', 1_000_000, 8, [
      { backend: 'fast', workers: 2, speedup: 1.0, spread: 0.004 },
      { backend: 'cluster', workers: 2, speedup: 0.4, rounds: 2, ...droppedAgainst('fast', 2, 0.4) },
      { backend: 'odd', workers: 1, speedup: 1.6 },
    ]),
    workload(
      'eta',
      'Waits on a machine whose other core comes and goes.',
      64,
      300,
      [{ backend: 'fast', workers: 2, speedup: 1.4, spread: 0.05, forkShift: (fork) => [1, 1.45, 0.75][fork - 1] ?? 1 }],
      {
        capacitySamples: [1, 2, 3, 4, 5, 6].map((round) => ({
          fork: Math.ceil(round / 2),
          round,
          byWorkers: { 1: 1, 2: [1.95, 1.9, 1.1, 0.97, 2.05, 1.9][round - 1] ?? 2 },
        })),
      },
    ),
    workload(
      'gamma',
      'Waits: each item sleeps a little.',
      200,
      1000,
      [
        { backend: 'fast', workers: 2, speedup: 1.97, cpuShare: 0.05 },
        {
          backend: 'wrong',
          workers: 2,
          speedup: 1.9,
          rounds: 3,
          cpuShare: 0.05,
          extra: { stopped: 'failed', mismatch: { index: 7, path: '[7]', expected: '14', actual: '15', reason: 'numbers differ' } },
        },
        {
          backend: 'broken',
          workers: 2,
          speedup: 1,
          rounds: 0,
          extra: { startupMs: null, firstMapMs: null, ...failed('PARABENCH_BACKEND_FAILED', 'no such pool') },
        },
      ],
      { reduced: [0, 1, 2, 3] },
    ),
    workload(
      'delta',
      'Tiny tasks, swept over chunk sizes.',
      4096,
      40,
      [
        { backend: 'fast', workers: 4, speedup: 0.05, chunkSize: 1 },
        { backend: 'fast', workers: 4, speedup: 0.6, chunkSize: 16 },
        { backend: 'fast', workers: 4, speedup: 1.7, chunkSize: 256 },
        { backend: 'fast', workers: 4, speedup: 1.8, chunkSize: 1024 },
        { backend: 'fast', workers: 4, speedup: 1.78, chunkSize: 256, chunkSizeAuto: true },
      ],
      { sweep: 'chunk-size' },
    ),
    {
      workload: 'epsilon',
      runtime: 'node',
      description: 'Lost: the measuring process ran out of memory.',
      items: 0,
      reduced: undefined,
      sweep: undefined,
      rows: (['sequential', 'fast'] as const).map((backend) =>
        row(
          'epsilon',
          1,
          {
            backend,
            workers: backend === 'fast' ? 2 : 1,
            speedup: 1,
            rounds: 0,
            extra: {
              startupMs: null,
              firstMapMs: null,
              ...failed('PARABENCH_OUT_OF_MEMORY', 'the measuring process ran out of memory on the main thread while measuring this workload'),
            },
          },
          0,
        ),
      ),
      capacitySamples: [],
      marginFraction: 0.03,
      forks: 1,
      forkTimes: [{ seconds: 0.5, roundsSeconds: 0, rounds: 0 }],
      seconds: 0.5,
      inputDigest: undefined,
    },
  ];
}

/** The baseline's speed-ups: some rows faster or slower now, one new. */
export function baselineMeasurements(): WorkloadMeasurement[] {
  const now = measurements();
  const alpha = now[0]!;
  for (const r of alpha.rows) {
    if (r.backend === 'fast' && r.workers === 2) for (const s of r.samples) s.ms *= 1.3;
    if (r.backend === 'cluster') for (const s of r.samples) s.ms *= 0.8;
  }
  alpha.rows = alpha.rows.filter((r) => !(r.backend === 'fast' && r.workers === 4));
  return now.slice(0, 3);
}
