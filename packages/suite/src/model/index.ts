export type * from './catalog.js';
export type * from './comparison.js';
export type * from './machine.js';
export type * from './measurement.js';
export { MEASUREMENT_OPTIONS, type MeasurementOptions, type SuiteOptions } from './options.js';
export type * from './reporter.js';
export type * from './result.js';
export type * from './runtime.js';
export type * from './verdict.js';
