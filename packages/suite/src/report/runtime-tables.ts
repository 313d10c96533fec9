import { acrossRuntimes, compatibility } from '../analysis/runtimes.js';
import type { WorkloadResult } from '../model/index.js';
import { acrossText, compatibilityCell, manyRuntimes } from './wording.js';

/** The compatibility matrix's runtimes, backends and cells, the same for every report. */
export function compatibilityTable(runs: readonly WorkloadResult[]): {
  runtimes: string[];
  backends: string[];
  cell(runtime: string, backend: string): string;
} {
  const matrix = compatibility(runs);
  const runtimes = [...matrix.keys()];
  const backends = [...new Set([...matrix.values()].flatMap((byBackend) => [...byBackend.keys()]))];
  return { runtimes, backends, cell: (runtime, backend) => compatibilityCell(matrix.get(runtime)?.get(backend)) };
}

/** One line per workload measured in several runtimes: the answer across them. */
export function acrossLines(runs: readonly WorkloadResult[]): string[] {
  if (!manyRuntimes(runs)) return [];
  return [...new Set(runs.map((run) => run.workload))].flatMap((workload) => {
    const across = acrossRuntimes(runs.filter((run) => run.workload === workload));
    return across === undefined ? [] : [`${workload}, across runtimes: ${acrossText(across)}`];
  });
}
