export { loadCatalog, selectBackends, selectWorkloads, type Catalog, type LoadedBackend, type LoadedWorkload } from './catalog.js';
export { discoverDeclared, type Declared, type DeclaredModule } from '@parabench/core';
export { describeMachine, type MachineInfo } from './machine.js';
export { resolveOptions, type RawOptions, type SuiteOptions } from './options.js';
export { planBackends, runSuite, workerCountsFor, type SuiteHooks, type SuiteResult, type WorkloadRun } from './run-suite.js';
export { measureCapacity, type CapacityMeasurement } from './capacity.js';
export { measureCombination, type Combination } from './measure.js';
export { buildJsonReport, writeJsonReport, JSON_SCHEMA_VERSION, type JsonReport } from './json-report.js';
export type { RowResult, RowStatus } from './results.js';
