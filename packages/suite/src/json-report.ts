import type { MachineInfo } from './machine.js';
import type { SuiteOptions } from './options.js';
import type { CapacitySummary, RowResult, Verdict } from './results.js';
import type { SuiteResult } from './run-suite.js';

/**
 * Bumped whenever a field changes meaning or goes away; new fields do not bump it. Version 2:
 * paired rounds (speed-up intervals, verdicts, capacity per workload, CPU and memory per row).
 */
export const JSON_SCHEMA_VERSION = 2;

export interface JsonReport {
  schemaVersion: number;
  createdAt: string;
  machine: MachineInfo;
  options: Pick<SuiteOptions, 'size' | 'seed' | 'workers' | 'time' | 'minRounds' | 'precision' | 'slot' | 'warmup' | 'maxLiveWorkers' | 'timeout' | 'chunkSize' | 'gc' | 'sweep'>;
  verdicts: Array<Omit<Verdict, 'text'> & { text: string }>;
  workloads: Array<{ workload: string; description: string; items: number; rounds: number; capacity: CapacitySummary[] }>;
  results: RowResult[];
}

export function buildJsonReport(machine: MachineInfo, options: SuiteOptions, result: SuiteResult): JsonReport {
  const { size, seed, workers, time, minRounds, precision, slot, warmup, maxLiveWorkers, timeout, chunkSize, gc, sweep } = options;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    machine,
    options: { size, seed, workers, time, minRounds, precision, slot, warmup, maxLiveWorkers, timeout, chunkSize, gc, sweep },
    verdicts: result.runs.map((run) => run.verdict),
    workloads: result.runs.map(({ workload, description, items, rounds, capacity }) => ({ workload, description, items, rounds, capacity })),
    results: result.runs.flatMap((run) => run.rows),
  };
}
