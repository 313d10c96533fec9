import { InvalidOptionsError } from '@parabench/core';
import type { Baseline, SuiteOptions } from '../model/index.js';
import type { InputSummary } from './inputs.js';

/**
 * `--compare` compares only runs that measured the same thing: the same size and seed, and, for
 * every workload both have, the same input (its digest; its item count for a schema 2 baseline).
 * Anything else is a usage error that names the difference. Another machine or Node version is
 * allowed (often the point of comparing) and stated above the comparison.
 */
export function checkComparable(baseline: Baseline, options: SuiteOptions, inputs: ReadonlyMap<string, InputSummary>): void {
  const differences: string[] = [];
  if (baseline.size !== options.size) differences.push(`--size ${baseline.size} then, ${options.size} now`);
  if (baseline.seed !== options.seed) differences.push(`--seed ${baseline.seed} then, ${options.seed} now`);
  if (differences.length === 0) {
    for (const [name, now] of inputs) {
      const saved = baseline.workloads.find((entry) => entry.workload === name);
      if (saved === undefined) continue;
      if (saved.items !== now.items) differences.push(`${name} had ${saved.items} items then, ${now.items} now`);
      else if (saved.inputDigest !== undefined && now.digest !== undefined && saved.inputDigest !== now.digest) {
        differences.push(`${name}'s input differs (digest ${saved.inputDigest} then, ${now.digest} now)`);
      }
    }
  }
  if (differences.length > 0) {
    throw new InvalidOptionsError(`--compare: ${baseline.file} measured something else: ${differences.join('; ')}. Compare runs of the same inputs.`);
  }
}
