import { InvalidOptionsError, missingNeeds } from '@parabench/core';
import type { LoadedBackend } from '../model/index.js';

/**
 * Backends that need what this machine lacks (see `Backend.needs`): left out of a default run
 * with a one-line note each, refused when asked for by name.
 */
export function runnable(selected: readonly LoadedBackend[], named: boolean): LoadedBackend[] {
  const kept: LoadedBackend[] = [];
  for (const loaded of selected) {
    const needs = missingNeeds(loaded.backend);
    if (needs === undefined) kept.push(loaded);
    else if (named) throw new InvalidOptionsError(`backend "${loaded.backend.name}" cannot run here: it needs ${needs}`);
    else process.stderr.write(`parabench: skipping backend ${loaded.backend.name}: it needs ${needs}\n`);
  }
  return kept;
}

/** Node's own heap flag overrides every worker thread's limit: say so, since `--max-memory` then limits only processes. */
export function noteHeapFlag(): void {
  const heapFlag = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].find((flag) => /^--max-(old-space|heap)-size/.test(flag));
  if (heapFlag === undefined) return;
  process.stderr.write(
    `parabench: node runs with ${heapFlag}, which overrides every worker thread's heap limit: --max-memory limits only worker processes in this run\n`,
  );
}
