import { serialize } from 'node:v8';
import { InvalidOptionsError, messageOf, type GeneratedInput } from '@parabench/core';
import { digestOf } from '../measure/input-digest.js';
import type { LoadedWorkload, SuiteOptions } from '../model/index.js';

/** A workload's input as generated now: its size and digest. */
export interface InputSummary {
  items: number;
  digest: string | undefined;
}

/**
 * Generates every workload's input once, before anything is measured, and checks its shape: an
 * object with `items`, a non-empty array, whose items and `context` survive structured cloning
 * (how every thread and process receives them). A wrong shape is a usage error (exit status 2)
 * that names the workload and the field; it would otherwise fail deep inside a backend, or hang.
 * A `generate` that throws is left to the run, which reports it on every row and goes on.
 */
export function checkInputs(workloads: readonly LoadedWorkload[], options: Pick<SuiteOptions, 'size' | 'seed'>): Map<string, InputSummary> {
  const summaries = new Map<string, InputSummary>();
  for (const { definition } of workloads) {
    let input: unknown;
    try {
      input = definition.generate({ size: options.size, seed: options.seed });
    } catch {
      continue;
    }
    const problem = shapeProblem(input);
    if (problem !== undefined) throw new InvalidOptionsError(`workload "${definition.name}": generate() ${problem}`);
    const valid = input as GeneratedInput<unknown, unknown>;
    summaries.set(definition.name, { items: valid.items.length, digest: digestOf(valid) });
  }
  return summaries;
}

function shapeProblem(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return `returned ${input === null ? 'null' : typeof input}, not { items, context }`;
  const { items, context } = input as { items?: unknown; context?: unknown };
  if (!Array.isArray(items)) return `returned items that are ${describe(items)}, not an array`;
  if (items.length === 0) return 'returned no items: there is nothing to map';
  if (!('context' in input)) return 'returned no context (give context: null when the items need none)';
  const context_ = cloneProblem(context);
  if (context_ !== undefined) return `returned a context that cannot be sent to a worker: ${context_}`;
  if (cloneProblem(items) === undefined) return undefined;
  const index = items.findIndex((item) => cloneProblem(item) !== undefined);
  return `returned items[${index}], which cannot be sent to a worker: ${cloneProblem(items[index])}`;
}

/** Why structured cloning refuses a value, or undefined when it takes it. */
function cloneProblem(value: unknown): string | undefined {
  try {
    serialize(value);
    return undefined;
  } catch (error) {
    return messageOf(error);
  }
}

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);
