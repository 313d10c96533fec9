import type { MachineInfo } from './machine.js';
import type { SuiteOptions } from './options.js';
import type { RowResult } from './results.js';
import type { SuiteResult } from './run-suite.js';

/** Bumped whenever a field changes meaning or goes away; new fields do not bump it. */
export const JSON_SCHEMA_VERSION = 1;

export interface JsonReport {
  schemaVersion: number;
  createdAt: string;
  machine: MachineInfo;
  options: Pick<SuiteOptions, 'size' | 'seed' | 'workers' | 'time' | 'iterations' | 'timeout' | 'chunkSize' | 'gc' | 'sweep'>;
  capacity: SuiteResult['capacity'];
  results: RowResult[];
}

export function buildJsonReport(machine: MachineInfo, options: SuiteOptions, result: SuiteResult): JsonReport {
  const { size, seed, workers, time, iterations, timeout, chunkSize, gc, sweep } = options;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    machine,
    options: { size, seed, workers, time, iterations, timeout, chunkSize, gc, sweep },
    capacity: result.capacity,
    results: result.runs.flatMap((run) => run.rows),
  };
}
