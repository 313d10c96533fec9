import { ParabenchError, ReferenceFailedError } from '@parabench/core';
import type { Mismatch, RowMeasurement, WorkloadMeasurement } from '../model/index.js';
import type { Activity } from './fork-protocol.js';
import type { ForkEnd } from './fork-runner.js';
import { failRow } from './row.js';

/**
 * A fork that died fails what it was doing: the row it was starting, warming up, timing or
 * closing; or, when it died on the reference, the input or the capacity probe, every row of the
 * workload. Says which it was.
 */
export function blame(measurement: WorkloadMeasurement, end: Exclude<ForkEnd, { ok: true }>, fork: number, racing: readonly number[]): 'row' | 'workload' {
  const [reference, ...rows] = measurement.rows;
  const index = typeof end.activity?.row === 'number' ? racing[end.activity.row] : undefined;
  const row = index === undefined ? undefined : rows[index];
  const doing =
    end.activity === undefined
      ? 'before it began measuring'
      : `while ${DOING[end.activity.phase]}${row === undefined ? (end.activity.row === 'reference' ? ' the sequential reference' : '') : ' this combination'}`;
  const error = new ParabenchError(end.code, `the measuring process (fork ${fork} of ${measurement.workload}) ${end.how} ${doing}`, {
    workload: measurement.workload,
    ...(row === undefined ? {} : { backend: row.backend }),
  });
  if (row !== undefined) {
    failRow(row, error);
    return 'row';
  }
  for (const each of [reference, ...rows]) if (each !== undefined && each.stopped !== 'failed') failRow(each, error);
  return 'workload';
}

/**
 * The reference's own results differed from one map to the next: the workload answers the same
 * input differently, so no backend can be judged against it. Says so, with the first difference.
 */
export function notDeterministic(workload: string, { index, expected, actual }: Mismatch): Error {
  const where = index === null ? '' : ` (item ${index}: ${expected} once, ${actual} another time)`;
  return new ReferenceFailedError(
    `${workload} gives different answers for the same input${where}: its map is not deterministic, so no backend can be judged against it (see the rules in docs/adding-a-workload.md)`,
    { workload },
  );
}

/** What a fork was doing, in words: "while timing this combination". */
const DOING: Record<Activity['phase'], string> = {
  generate: 'generating the input',
  start: 'starting',
  'cold map': 'mapping once, cold,',
  'warm-up': 'warming up',
  slot: 'timing',
  probe: 'probing the capacity',
  close: 'closing',
};

export function referenceFailure(workload: string, reference: RowMeasurement): Error {
  const error = reference.error ?? {
    code: 'PARABENCH_BACKEND_FAILED',
    message: reference.mismatch === undefined ? 'no result' : 'its results differ between maps',
  };
  return new ReferenceFailedError(`the sequential reference failed: [${error.code}] ${error.message}`, { workload });
}
