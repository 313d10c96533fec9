import { defineBackend, type Backend } from '@parabench/core';
import { REDIS_URL_ENV, resolveOptions, type BullmqOptions } from './config.js';
import { startBullmqExecutor } from './executor.js';

export { AGENTS_ENV, REDIS_URL_ENV, type BullmqOptions } from './config.js';

/**
 * The `bullmq` backend with options of its own (tests and programs); the default export reads
 * them from the environment when an executor starts.
 */
export function createBullmqBackend(options: BullmqOptions = {}): Backend {
  const backend: Backend = defineBackend({
    name: 'bullmq',
    description: 'BullMQ jobs on Redis, taken by parabench-agent processes (here, or on other hosts), each running them on a thread pool.',
    runsOn: 'processes',
    supports: { workers: true, abort: true, chunking: true },
    needs: () =>
      (options.redisUrl ?? process.env[REDIS_URL_ENV] ?? '') === ''
        ? `Redis: set ${REDIS_URL_ENV}=redis://:PASSWORD@HOST:PORT (docs/distributed.md)`
        : undefined,
    start: (start) => startBullmqExecutor(backend, start, resolveOptions(options)),
  });
  return backend;
}

export default createBullmqBackend();
