import { isDeepStrictEqual } from 'node:util';
import { InvalidOptionsError } from '@parabench/core';
import { MEASUREMENT_OPTIONS, type MachineInfo, type PlannedNames, type SuiteOptions, type WorkloadResult } from '../model/index.js';
import type { JsonReport } from '../report/json.js';
import { loadReport, resultsFromReport } from '../report/json-read.js';
import { QUICK_OPTIONS, resolveOptions, type RawOptions } from './options.js';

/** An interrupted run, read back from its JSON report. */
export interface ResumePoint {
  file: string;
  report: JsonReport;
  /** Its finished workloads, as every report reads them. */
  finished: WorkloadResult[];
}

/** Reads the report of an interrupted run; a complete one, or one without a plan, is a usage error. */
export function loadResumePoint(file: string): ResumePoint {
  const report = loadReport(file, '--resume', 'Start a new run with this version.');
  if (report.plan === undefined || !Array.isArray(report.remaining)) {
    throw new InvalidOptionsError(`--resume: ${file} does not say what was still to run (it was written by an older parabench): start a new run`);
  }
  if (report.complete) throw new InvalidOptionsError(`--resume: ${file} is a complete run: nothing is left to resume`);
  return { file, report, finished: resultsFromReport(report) };
}

const flagOf = (key: string): string => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
const shown = (value: unknown): string => (value === undefined || value === null ? 'none' : Array.isArray(value) ? value.join(',') : String(value));
/** JSON keeps `null` where the options had `undefined`. */
const normal = (value: unknown): unknown => value ?? null;

/**
 * The options of a resumed run: those of the interrupted run, with the output files this command
 * line names (`--json` defaults to the resumed file). A measurement option given again must have
 * the same value, or the two parts would not measure the same thing.
 */
export function resumeOptions(raw: RawOptions, point: ResumePoint): SuiteOptions {
  const given = resolveOptions(raw);
  const saved = point.report.options;
  const isGiven = (key: (typeof MEASUREMENT_OPTIONS)[number]): boolean =>
    raw[key] !== undefined || (raw.quick === true && (QUICK_OPTIONS as readonly string[]).includes(key));
  const differing = MEASUREMENT_OPTIONS.filter((key) => isGiven(key) && !isDeepStrictEqual(normal(given[key]), normal(saved[key])));
  if (differing.length > 0) {
    const then = differing.map((key) => `${flagOf(key)} ${shown(saved[key])}`).join(', ');
    const now = differing.map((key) => `${flagOf(key)} ${shown(given[key])}`).join(', ');
    throw new InvalidOptionsError(
      `--resume: ${point.file} was run with ${then}, but this command gives ${now}: resume with the run's own options, or start a new run`,
    );
  }
  const restored = Object.fromEntries(MEASUREMENT_OPTIONS.map((key) => [key, saved[key] ?? undefined]));
  return { ...given, ...restored, json: given.json ?? point.file };
}

/** The machine must be the one the first part ran on: speed-ups from two machines do not mix. */
export function checkSameMachine(point: ResumePoint, machine: MachineInfo): void {
  const saved = point.report.machine;
  const differing = (Object.keys(machine) as Array<keyof MachineInfo>).filter((key) => !isDeepStrictEqual(normal(machine[key]), normal(saved[key])));
  if (differing.length === 0) return;
  const details = differing.map((key) => `${key} ${shown(saved[key])} then, ${shown(machine[key])} now`).join('; ');
  throw new InvalidOptionsError(`--resume: ${point.file} was measured on another machine (${details}): start a new run here`);
}

/** What is left to run, once the workloads and backends found now are those the run planned. */
export function remainingWorkloads(point: ResumePoint, plan: PlannedNames): string[] {
  const saved = point.report.plan;
  for (const kind of ['workloads', 'backends'] as const) {
    const missing = saved[kind].filter((name) => !plan[kind].includes(name));
    const added = plan[kind].filter((name) => !saved[kind].includes(name));
    if (missing.length > 0 || added.length > 0) {
      const what = [
        missing.length > 0 ? `${missing.join(', ')} no longer found` : '',
        added.length > 0 ? `${added.join(', ')} found that the run did not have` : '',
      ];
      throw new InvalidOptionsError(`--resume: the ${kind} differ from ${point.file}'s run: ${what.filter(Boolean).join('; ')}`);
    }
  }
  return point.report.remaining;
}
