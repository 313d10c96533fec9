import { availableParallelism, totalmem } from 'node:os';
import { InvalidOptionsError, WORKLOAD_SIZES, type WorkloadSize } from '@parabench/core';
import type { SuiteOptions } from '../model/index.js';

/** The options whose defaults `--quick` changes. */
export const QUICK_OPTIONS = ['size', 'forks', 'time', 'slot', 'warmup'] as const satisfies ReadonlyArray<keyof SuiteOptions>;

/** The raw strings and flags as the command line gave them. */
export interface RawOptions {
  workloads?: string;
  backends?: string;
  workers?: string;
  size?: string;
  quick?: boolean;
  seed?: string;
  forks?: string;
  rounds?: string;
  time?: string;
  margin?: string;
  warmup?: string;
  slot?: string;
  maxLiveWorkers?: string;
  maxMemory?: string;
  json?: string;
  markdown?: string;
  html?: string;
  compare?: string;
  timeout?: string;
  chunkSize?: string;
  gc?: boolean;
  sweep?: string;
  wide?: boolean;
  repeat?: string;
  runtimes?: string;
}

export function resolveOptions(raw: RawOptions): SuiteOptions {
  const quick = raw.quick === true;
  const workers =
    raw.workers === undefined
      ? [...new Set([1, availableParallelism()])]
      : [...new Set(parseList('--workers', raw.workers).map((v) => parseInteger('--workers', v, 1)))];
  return {
    workloads: raw.workloads === undefined ? undefined : parseList('--workloads', raw.workloads),
    backends: raw.backends === undefined ? undefined : parseList('--backends', raw.backends),
    workers,
    size: raw.size === undefined ? (quick ? 'quick' : 'default') : parseSize(raw.size),
    seed: raw.seed === undefined ? 1 : parseInteger('--seed', raw.seed, 0),
    forks: raw.forks === undefined ? (quick ? 2 : 3) : parseInteger('--forks', raw.forks, 1),
    rounds: raw.rounds === undefined ? 1 : parseInteger('--rounds', raw.rounds, 1),
    time: raw.time === undefined ? (quick ? 2000 : 20_000) : parseInteger('--time', raw.time, 0),
    margin: raw.margin === undefined ? 3 : parsePercent('--margin', raw.margin),
    warmup: raw.warmup === undefined ? (quick ? 20 : 200) : parseInteger('--warmup', raw.warmup, 0),
    slot: raw.slot === undefined ? (quick ? 10 : 100) : parseInteger('--slot', raw.slot, 0),
    maxLiveWorkers: raw.maxLiveWorkers === undefined ? 64 : parseInteger('--max-live-workers', raw.maxLiveWorkers, 1),
    maxMemory: raw.maxMemory === undefined ? defaultMaxMemory(workers) : parseInteger('--max-memory', raw.maxMemory, MIN_MAX_MEMORY),
    json: raw.json,
    markdown: raw.markdown,
    html: raw.html,
    compare: raw.compare,
    timeout: raw.timeout === undefined ? undefined : parseInteger('--timeout', raw.timeout, 1),
    chunkSize: raw.chunkSize === undefined || raw.chunkSize === 'auto' ? 'auto' : parseInteger('--chunk-size', raw.chunkSize, 1),
    gc: raw.gc === true,
    sweep: raw.sweep === undefined ? undefined : parseSweep(raw.sweep),
    wide: raw.wide === true,
    repeat: raw.repeat === undefined ? 1 : parseInteger('--repeat', raw.repeat, 1),
    runtimes: raw.runtimes === undefined ? ['node'] : parseList('--runtimes', raw.runtimes),
  };
}

/** Below this a worker cannot even load a workload module. */
const MIN_MAX_MEMORY = 32;

/** Half the machine's memory shared among the largest worker count, so that one row's workers cannot exhaust it; at least 256 MiB. */
export function defaultMaxMemory(workers: readonly number[], totalBytes = totalmem()): number {
  return Math.max(256, Math.floor(totalBytes / 2 ** 20 / 2 / Math.max(1, ...workers)));
}

function parseList(flag: string, value: string): string[] {
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (items.length === 0) throw new InvalidOptionsError(`${flag} needs a comma-separated list, got "${value}"`);
  return items;
}

/** A sweep measures one workload on one backend: anything else is ambiguous. */
export function checkSweepSelection(options: SuiteOptions, workloads: number, backends: readonly { name: string; supports?: { chunking?: boolean } }[]): void {
  if (options.sweep === undefined) return;
  const swept = backends.filter((backend) => backend.name !== 'sequential');
  if (workloads !== 1 || swept.length !== 1) {
    throw new InvalidOptionsError('--sweep chunk-size needs exactly one workload and one backend: add --workloads NAME --backends NAME');
  }
  if (swept[0]?.supports?.chunking !== true) {
    throw new InvalidOptionsError(`--sweep chunk-size needs a backend that declares chunking; "${swept[0]?.name}" does not`);
  }
}

function parseInteger(flag: string, value: string, min: number): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min) {
    throw new InvalidOptionsError(`${flag} needs an integer of at least ${min}, got "${value}"`);
  }
  return number;
}

function parsePercent(flag: string, value: string): number {
  const number = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(number > 0 && number <= 100)) throw new InvalidOptionsError(`${flag} needs a percentage above 0, such as 3 or 0.5, got "${value}"`);
  return number;
}

function parseSize(value: string): WorkloadSize {
  if ((WORKLOAD_SIZES as readonly string[]).includes(value)) return value as WorkloadSize;
  throw new InvalidOptionsError(`--size must be one of ${WORKLOAD_SIZES.join(', ')}, got "${value}"`);
}

function parseSweep(value: string): 'chunk-size' {
  if (value === 'chunk-size') return value;
  throw new InvalidOptionsError(`--sweep can only be chunk-size, got "${value}"`);
}
