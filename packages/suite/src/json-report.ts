import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
  options: Pick<SuiteOptions, 'size' | 'seed' | 'workers' | 'time' | 'iterations' | 'timeout'>;
  capacity: SuiteResult['capacity'];
  results: RowResult[];
}

export function buildJsonReport(machine: MachineInfo, options: SuiteOptions, result: SuiteResult): JsonReport {
  const { size, seed, workers, time, iterations, timeout } = options;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    machine,
    options: { size, seed, workers, time, iterations, timeout },
    capacity: result.capacity,
    results: result.runs.flatMap((run) => run.rows),
  };
}

export function writeJsonReport(file: string, report: JsonReport): string {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
