import { afterEach, describe } from 'vitest';
import { discoverDeclared } from '../discover.js';
import { loadBackend } from '../loader.js';
import { createContext } from './context.js';
import { faultCases } from './faults.cases.js';
import { resourceCases } from './resources.cases.js';
import { resultCases } from './results.cases.js';

export interface ConformanceOptions {
  /** Workers for the cases that do not choose their own. @default 2 */
  workers?: number;
  /**
   * Workload modules (`file:` URLs or specifiers) whose results must equal the sequential reference.
   * @default every workload that packages around the current folder declare (install `@parabench/workloads`)
   */
  workloads?: readonly string[];
}

/**
 * Registers the conformance cases for the backend module at `backendModule` in vitest.
 * A backend's test calls it at the top level:
 *
 * ```ts
 * import { describeConformance } from '@parabench/core/conformance';
 * await describeConformance(new URL('../dist/index.js', import.meta.url));
 * ```
 *
 * Cases a backend cannot meet by its declared capabilities (`supports`, `runsOn`) are skipped, and
 * only those.
 */
export async function describeConformance(backendModule: string | URL, options: ConformanceOptions = {}): Promise<void> {
  const backendUrl = String(backendModule);
  const backend = await loadBackend(backendUrl);
  const workloads = options.workloads ?? discoverDeclared([process.cwd()]).workloads.map((w) => w.url);
  const ctx = createContext(backend, backendUrl, options.workers ?? 2);

  describe(`backend "${backend.name}" conforms to the parabench contract`, () => {
    afterEach(() => ctx.closeAll());
    describe('results', () => resultCases(ctx, workloads));
    describe('faults', () => faultCases(ctx));
    describe('resources', () => resourceCases(ctx));
  });
}

export { childPids, threadCount, isAlive } from './processes.js';
