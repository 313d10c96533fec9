import type { Interval, WorkloadResult } from '../model/index.js';

/** One run's answer for one workload, as the agreement between runs reads it. Rows are named by a key (`backend × workers`). */
export interface RunAnswer {
  workload: string;
  outcome: 'pays' | 'does-not-pay' | 'undecided' | 'no-answer';
  fastest: string | undefined;
  /** Rows the verdict leaves in the running: the fastest, those equivalent to it, those undecided against it. */
  contenders: string[];
  /** Rows the verdict decided on: the fastest and those equivalent to it. */
  decided: string[];
  /** Every measured row's speed-up with its 95% interval. */
  speedups: Map<string, Interval>;
}

/** How far several runs of the same command agree, per workload and over all. */
export interface Agreement {
  runs: number;
  workloads: WorkloadAgreement[];
  /** Over every row and ordered pair of runs: how often one run's 95% interval held the other's estimate. */
  calibration: Tally;
}

export interface Tally {
  held: number;
  pairs: number;
}

export interface WorkloadAgreement {
  workload: string;
  /** Each run's outcome and fastest, in run order. */
  answers: Array<{ outcome: RunAnswer['outcome']; fastest: string | undefined }>;
  /** Each run's fastest is the fastest, equivalent or undecided in every other run, and "does not pay" comes in all runs or none. */
  verdictsAgree: boolean;
  /** The rows some run decided on, with the largest difference between two runs' speed-ups (0.04 is 4%). */
  drift: Array<{ row: string; largest: number }>;
  calibration: Tally;
}

/** A key that names a row the same way in every run. */
export const rowKey = (row: {
  runtime?: string | undefined;
  backend: string;
  workers: number;
  chunkSize?: number | 'auto' | null;
  chunkSizeAuto?: boolean | undefined;
}): string =>
  `${row.runtime === undefined || row.runtime === 'node' ? '' : `${row.runtime} · `}${row.backend} × ${row.workers}${row.chunkSizeAuto === true || row.chunkSize == null ? '' : ` (chunk ${row.chunkSize})`}`;

/** A finished workload's answer. */
export function answerOf(workload: WorkloadResult): RunAnswer {
  const { verdict } = workload;
  const name = workload.runtime === 'node' ? workload.workload : `${workload.workload} on ${workload.runtime}`;
  const speedups = new Map(
    workload.rows.flatMap((row) => (row.status === 'ok' && row.standing !== 'reference' ? [[rowKey(row), row.figures.speedup] as const] : [])),
  );
  if (verdict.outcome !== 'pays') return { workload: name, outcome: verdict.outcome, fastest: undefined, contenders: [], decided: [], speedups };
  const fastest = rowKey(verdict.fastest);
  const equivalent = verdict.equivalent.map(rowKey);
  return {
    workload: name,
    outcome: 'pays',
    fastest,
    contenders: [fastest, ...equivalent, ...verdict.undecided.map(rowKey)],
    decided: [fastest, ...equivalent],
    speedups,
  };
}

/** How far runs agree: `runs[i]` holds run i's answers, one per workload. */
export function agreementOf(runs: ReadonlyArray<readonly RunAnswer[]>): Agreement {
  const names = [...new Set(runs.flatMap((answers) => answers.map((answer) => answer.workload)))];
  const workloads = names.map((name) =>
    agreementFor(
      name,
      runs.map((answers) => answers.find((answer) => answer.workload === name)),
    ),
  );
  const calibration = workloads.reduce((sum, w) => ({ held: sum.held + w.calibration.held, pairs: sum.pairs + w.calibration.pairs }), { held: 0, pairs: 0 });
  return { runs: runs.length, workloads, calibration };
}

function agreementFor(workload: string, answers: ReadonlyArray<RunAnswer | undefined>): WorkloadAgreement {
  const present = answers.filter((answer): answer is RunAnswer => answer !== undefined);
  const notPaying = present.filter((answer) => answer.outcome === 'does-not-pay').length;
  let verdictsAgree = notPaying === 0 || notPaying === present.length;
  const calibration: Tally = { held: 0, pairs: 0 };
  for (const a of present) {
    for (const b of present) {
      if (a === b) continue;
      if (a.fastest !== undefined && b.outcome === 'pays' && !b.contenders.includes(a.fastest)) verdictsAgree = false;
      for (const [row, interval] of a.speedups) {
        const other = b.speedups.get(row);
        if (other === undefined) continue;
        calibration.pairs++;
        if (interval.low <= other.median && other.median <= interval.high) calibration.held++;
      }
    }
  }
  const decided = [...new Set(present.flatMap((answer) => answer.decided))];
  const drift = decided.map((row) => {
    const medians = present.flatMap((answer) => {
      const speedup = answer.speedups.get(row);
      return speedup === undefined ? [] : [speedup.median];
    });
    return { row, largest: medians.length < 2 ? 0 : Math.max(...medians) / Math.min(...medians) - 1 };
  });
  return {
    workload,
    answers: answers.map((answer) => ({ outcome: answer?.outcome ?? 'no-answer', fastest: answer?.fastest })),
    verdictsAgree,
    drift,
    calibration,
  };
}
