import { InvalidOptionsError, type Workload } from '@parabench/core';
import { digestOf } from '../measure/input-digest.js';
import type { Baseline, LoadedWorkload, SuiteOptions } from '../model/index.js';

/**
 * `--compare` compares only runs that measured the same thing: the same size and seed, and, for
 * every workload both have, the same input (its digest; its item count for a schema 2 baseline).
 * Anything else is a usage error that names the difference. Another machine or Node version is
 * allowed (often the point of comparing) and stated above the comparison.
 */
export function checkComparable(baseline: Baseline, options: SuiteOptions, workloads: readonly LoadedWorkload[]): void {
  const differences: string[] = [];
  if (baseline.size !== options.size) differences.push(`--size ${baseline.size} then, ${options.size} now`);
  if (baseline.seed !== options.seed) differences.push(`--seed ${baseline.seed} then, ${options.seed} now`);
  if (differences.length === 0) {
    for (const { definition } of workloads) {
      const saved = baseline.workloads.find((entry) => entry.workload === definition.name);
      if (saved === undefined) continue;
      const now = inputOf(definition, options);
      if (now === undefined) continue;
      if (saved.items !== now.items) differences.push(`${definition.name} had ${saved.items} items then, ${now.items} now`);
      else if (saved.inputDigest !== undefined && now.digest !== undefined && saved.inputDigest !== now.digest) {
        differences.push(`${definition.name}'s input differs (digest ${saved.inputDigest} then, ${now.digest} now)`);
      }
    }
  }
  if (differences.length > 0) {
    throw new InvalidOptionsError(`--compare: ${baseline.file} measured something else: ${differences.join('; ')}. Compare runs of the same inputs.`);
  }
}

/** A workload's input now, or undefined when generating it fails (the run itself then says why). */
function inputOf(workload: Workload, options: SuiteOptions): { items: number; digest: string | undefined } | undefined {
  try {
    const input = workload.generate({ size: options.size, seed: options.seed });
    return { items: input.items.length, digest: digestOf(input) };
  } catch {
    return undefined;
  }
}
