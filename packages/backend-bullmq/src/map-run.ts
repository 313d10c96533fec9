import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ErrorCode, ParabenchError, ServiceUnavailableError, WorkerExitedError, type ErrorSite, type MapRequest } from '@parabench/core';
import { planChunks, reviveFailure, type ChunkRange } from '@parabench/core/pool';
import { liveAgents } from './agents.js';
import { MAP_KEYS_TTL_S, type QueueKeys } from './keys.js';
import { encodeSlice, encodeValue } from './payload.js';
import { decodeOutcome, PROTOCOL, type ChunkJob } from './protocol.js';
import { bestEffort, untilRedis } from './redis-wait.js';
import { refKey, workloadRef } from './workload-ref.js';

/** Jobs per `addBulk` call: large enough to save round trips, small enough to keep each command short. */
const JOBS_PER_BATCH = 500;
/** How often a waiting map looks for failed jobs and for live agents. */
const HEALTH_EVERY_MS = 1000;

/** What one map needs from its executor. */
export interface MapDeps {
  backend: string;
  queue: Queue;
  client: Redis;
  /** A connection of its own for the blocking pop. */
  blocking: Redis;
  keys: QueueKeys;
  redis: string;
  redisTimeoutMs: number;
  agentTimeoutMs: number;
  /** Items per chunk job. */
  chunkSize: number;
  /** Lets the executor's own agents load the workload file before its jobs go out. */
  allow(key: string, file: string): Promise<void>;
}

/**
 * One map through the queue: the context stored once, the items as chunk jobs, outcomes
 * collected from the map's list, each chunk counted once however often it arrives. On failure
 * or abort the map is cancelled: agents stop its chunks, its waiting jobs are removed, and
 * its keys deleted, so a late outcome lands nowhere.
 */
export async function runMap(deps: MapDeps, request: MapRequest, workloadName: string): Promise<unknown[]> {
  const site: ErrorSite = { backend: deps.backend, workload: workloadName };
  const { items, signal } = request;
  if (items.length === 0) return [];
  const map = randomUUID();
  const { keys, client, queue } = deps;
  const { ref, file } = workloadRef(request.workloadUrl);
  const context = encodeValue(request.context, 'the context', site);
  const chunks = planChunks(items.length, deps.chunkSize);
  const jobs = chunks.map((range, chunk) => ({
    name: 'chunk',
    data: {
      protocol: PROTOCOL,
      map,
      chunk,
      from: range.start,
      workload: ref,
      workloadName,
      items: encodeSlice(items, range.start, range.end, 'an item', site).toString('base64'),
    } satisfies ChunkJob,
    opts: { jobId: `${map}-${chunk}` },
  }));
  await deps.allow(refKey(ref), file);
  const redis = { timeoutMs: deps.redisTimeoutMs, redis: deps.redis, site, signal };
  let finished = false;
  try {
    await untilRedis(() => client.set(keys.context(map), context, 'EX', MAP_KEYS_TTL_S), 'storing the context', redis);
    for (let i = 0; i < jobs.length; i += JOBS_PER_BATCH) {
      // A retried batch adds nothing twice: BullMQ ignores a job id it already has.
      await untilRedis(() => queue.addBulk(jobs.slice(i, i + JOBS_PER_BATCH)), 'adding jobs', redis);
    }
    const results = await collect(deps, map, chunks, items.length, site, redis);
    finished = true;
    return results;
  } finally {
    if (!finished) {
      await bestEffort(client.publish(keys.cancel, map));
      await bestEffort(queue.drain());
      await bestEffort(queue.clean(0, 10_000, 'failed'));
    }
    await bestEffort(client.del(keys.context(map), keys.done(map)));
  }
}

async function collect(
  deps: MapDeps,
  map: string,
  chunks: readonly ChunkRange[],
  count: number,
  site: ErrorSite,
  redis: Parameters<typeof untilRedis>[2],
): Promise<unknown[]> {
  const results = new Array<unknown>(count);
  const done = new Set<number>();
  const doneKey = deps.keys.done(map);
  let lastCheck = Date.now();
  let alone = 0;
  const pop = async (): Promise<Buffer[]> => {
    const first = await deps.blocking.blpopBuffer(doneKey, 0.5);
    if (first === null) return [];
    const rest = (await deps.client.lpopBuffer(doneKey, 1000)) ?? [];
    return [first[1], ...rest];
  };
  while (done.size < chunks.length) {
    for (const bytes of await untilRedis(pop, 'waiting for results', redis)) {
      const outcome = decodeOutcome(bytes);
      const range = chunks[outcome.chunk];
      if (range === undefined || done.has(outcome.chunk)) continue; // at-least-once delivery: a chunk counts once
      if ('failure' in outcome) throw reviveFailure(outcome.failure, deps.backend, site.workload ?? '');
      if (outcome.results.length !== range.end - range.start) {
        throw new ParabenchError(
          ErrorCode.BackendFailed,
          `chunk at item ${range.start} came back with ${outcome.results.length} results for ${range.end - range.start} items`,
          { ...site, index: range.start },
        );
      }
      done.add(outcome.chunk);
      for (let i = 0; i < outcome.results.length; i++) results[range.start + i] = outcome.results[i];
    }
    if (Date.now() - lastCheck >= HEALTH_EVERY_MS) {
      const elapsed = Date.now() - lastCheck;
      lastCheck = Date.now();
      alone = (await untilRedis(() => checkHealth(deps, map, site), 'checking the agents', redis)) ? 0 : alone + elapsed;
      if (alone >= deps.agentTimeoutMs) {
        throw new WorkerExitedError(
          `no agent served the queue for ${Math.round(alone / 1000)} s with ${chunks.length - done.size} of ${chunks.length} chunks not done`,
          site,
        );
      }
    }
  }
  return results;
}

/**
 * Fails the map for a chunk BullMQ gave up on, or for state Redis lost (a restart without
 * persistence, a flush: no agent would ever answer); resolves to whether any agent is live.
 */
async function checkHealth(deps: MapDeps, map: string, site: ErrorSite): Promise<boolean> {
  if ((await deps.client.exists(deps.keys.context(map))) === 0) {
    throw new ServiceUnavailableError(`${deps.redis} lost this map's state (restarted without persistence, or flushed?)`, site);
  }
  const failed = await deps.queue.getFailed(0, 20);
  const mine = failed.find((job) => (job.data as ChunkJob | undefined)?.map === map);
  if (mine !== undefined) {
    const { from, workloadName } = mine.data as ChunkJob;
    throw new WorkerExitedError(`the chunk at item ${from} failed in the queue: ${mine.failedReason}`, {
      backend: deps.backend,
      workload: workloadName,
      index: from,
    });
  }
  return (await liveAgents(deps.client, deps.keys)).length > 0;
}
