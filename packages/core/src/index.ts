export * from './errors.js';
export * from './workload.js';
export * from './backend.js';
export { createExecutor, type ExecutorTransport } from './executor.js';
export { loadWorkload, loadBackend } from './loader.js';
export { mapItems, mapItem, type MapItemsOptions } from './map-items.js';
export { compareResults, type Difference } from './compare.js';
export { createRandom, type Random } from './random.js';
export { default as sequential } from './sequential.js';
