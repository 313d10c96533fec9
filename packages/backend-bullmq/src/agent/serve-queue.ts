import { deserialize } from 'node:v8';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { redisOptions } from '../config.js';
import { HEARTBEAT_EVERY_MS, HEARTBEAT_TTL_MS, MAP_KEYS_TTL_S, PREFIX, queueKeys } from '../keys.js';
import type { AgentInfo, ChunkJob } from '../protocol.js';
import { runChunk, type ChunkRunner } from './run-chunk.js';

/** What every queue an agent serves shares: its identity, its Redis client, its pool. */
export interface AgentCore extends Omit<ChunkRunner, 'context' | 'signal'> {
  info: AgentInfo;
  redisUrl: string;
  client: Redis & { pushIfLive(contextKey: string, doneKey: string, outcome: Buffer, ttlSeconds: number): Promise<number> };
  lockMs: number;
  log(line: string): void;
}

/** Contexts kept per queue: a map's chunks arrive close together, so a few recent maps are enough. */
const CONTEXTS_KEPT = 8;
/** Jobs an agent holds at once: one running on the pool, one fetched and waiting, so the pool never idles for a round trip. */
const JOBS_HELD = 2;

/**
 * Serves one caller's queue: announces the agent (a heartbeat the caller counts), takes chunk
 * jobs, runs them on the agent's pool, pushes each outcome while its map lives, and stops a map's
 * chunks when the caller cancels it.
 */
export async function serveQueue(queue: string, core: AgentCore): Promise<{ close(): Promise<void> }> {
  const keys = queueKeys(queue);
  const contexts = new Map<string, Promise<{ value: unknown } | undefined>>();
  const cancels = new Map<string, AbortController>();
  const controllerOf = (map: string): AbortController => {
    let controller = cancels.get(map);
    if (controller === undefined) {
      controller = new AbortController();
      cancels.set(map, controller);
      if (cancels.size > CONTEXTS_KEPT * 4) cancels.delete(cancels.keys().next().value as string);
    }
    return controller;
  };
  const runner: ChunkRunner = {
    ...core,
    context(map) {
      let context = contexts.get(map);
      if (context === undefined) {
        context = core.client.getBuffer(keys.context(map)).then((bytes) => (bytes === null ? undefined : { value: deserialize(bytes) as unknown }));
        context.catch(() => contexts.delete(map));
        contexts.set(map, context);
        if (contexts.size > CONTEXTS_KEPT) contexts.delete(contexts.keys().next().value as string);
      }
      return context;
    },
    signal: (map) => controllerOf(map).signal,
  };

  const subscriber = core.client.duplicate();
  subscriber.on('error', () => undefined);
  await subscriber.connect();
  subscriber.on('message', (_channel: string, map: string) => controllerOf(map).abort(new Error('the caller cancelled the map')));
  await subscriber.subscribe(keys.cancel);

  const beat = (): Promise<unknown> =>
    core.client
      .multi()
      .sadd(keys.agents, core.info.id)
      .set(keys.agent(core.info.id), JSON.stringify(core.info), 'PX', HEARTBEAT_TTL_MS)
      .exec()
      .catch(() => undefined);
  await beat();
  const heartbeat = setInterval(() => void beat(), HEARTBEAT_EVERY_MS);

  const worker = new Worker(
    queue,
    async (job: Job<ChunkJob>) => {
      const outcome = await runChunk(job.data, runner);
      if (outcome !== undefined) await core.client.pushIfLive(keys.context(job.data.map), keys.done(job.data.map), outcome, MAP_KEYS_TTL_S);
    },
    {
      connection: { ...redisOptions(core.redisUrl), maxRetriesPerRequest: null },
      prefix: PREFIX,
      name: core.info.id,
      concurrency: JOBS_HELD,
      lockDuration: core.lockMs,
      stalledInterval: Math.max(500, Math.round(core.lockMs / 2)),
      maxStalledCount: 2,
      drainDelay: 1,
    },
  );
  worker.on('error', (error) => core.log(`queue ${queue}: ${error.message}`));

  return {
    async close() {
      clearInterval(heartbeat);
      for (const controller of cancels.values()) controller.abort(new Error('the agent is stopping'));
      await Promise.allSettled([worker.close(true), subscriber.quit()]);
      subscriber.disconnect();
      await core.client
        .multi()
        .srem(keys.agents, core.info.id)
        .del(keys.agent(core.info.id))
        .exec()
        .catch(() => undefined);
    },
  };
}
