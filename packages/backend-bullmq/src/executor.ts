import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  createExecutor,
  messageOf,
  ServiceUnavailableError,
  validateWorkers,
  workloadNameOf,
  type Backend,
  type Executor,
  type StartOptions,
} from '@parabench/core';
import { CHUNKS_PER_WORKER_QUEUED, chunkRule, resolveChunkSize } from '@parabench/core/pool';
import { agentsGone, checkProtocol, liveAgents, waitForAgents } from './agents.js';
import { describeRedis, failFastOptions, type ResolvedOptions } from './config.js';
import { CALLERS_KEY, HEARTBEAT_EVERY_MS, HEARTBEAT_TTL_MS, LEASE_TTL_MS, PREFIX, queueKeys, REGISTRY_KEY } from './keys.js';
import { startLocalAgents, type LocalAgents } from './local-agents.js';
import { runMap } from './map-run.js';
import type { AgentInfo } from './protocol.js';
import { bestEffort, withTimeout } from './redis-wait.js';
import { deleteMatching, sweepAbandoned } from './sweep.js';

/**
 * An executor on a queue of its own: local agents started as child processes, or remote agents
 * that find the queue through the registry of live callers. Queues that callers abandoned (their
 * lease ran out) are removed as it starts. `close()` stops the local agents,
 * removes the queue with every job and key, and ends the connections, even with Redis away.
 */
export async function startBullmqExecutor(backend: Backend, start: StartOptions, options: ResolvedOptions): Promise<Executor> {
  const workers = validateWorkers(start.workers);
  // Agents hold two jobs each, so a worker's next chunk is always waiting, as in core's pool.
  const chunks = chunkRule(start.chunkSize, CHUNKS_PER_WORKER_QUEUED);
  const site = { backend: backend.name };
  const redis = describeRedis(options.redisUrl);
  const queueName = `pb-${randomBytes(6).toString('hex')}`;
  const keys = queueKeys(queueName);
  const client = await connect(options, redis, site);
  const blocking = client.duplicate();
  blocking.on('error', () => undefined);
  await blocking.connect().catch(() => undefined); // a failure shows up, bounded, at the first map
  const queue = new Queue(queueName, {
    connection: failFastOptions(options.redisUrl),
    prefix: PREFIX,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: false, attempts: 1 },
  });
  queue.on('error', () => undefined);
  // Remote agents serve the queues in the registry; every caller's queue is in CALLERS_KEY, with a lease.
  const announce = (): Promise<unknown> => {
    const steps = client.multi().set(keys.caller, '1', 'PX', HEARTBEAT_TTL_MS).set(keys.lease, '1', 'PX', LEASE_TTL_MS).sadd(CALLERS_KEY, queueName);
    return (options.agents === 'remote' ? steps.sadd(REGISTRY_KEY, queueName) : steps).exec();
  };
  let heartbeat: NodeJS.Timeout | undefined;
  let local: LocalAgents | undefined;

  const close = async (): Promise<void> => {
    clearInterval(heartbeat);
    await local?.close();
    await bestEffort(client.multi().del(keys.caller, keys.lease).srem(REGISTRY_KEY, queueName).srem(CALLERS_KEY, queueName).exec());
    const leaveMs = HEARTBEAT_TTL_MS + HEARTBEAT_EVERY_MS;
    await bestEffort(agentsGone(client, keys, leaveMs), leaveMs + 1000);
    await bestEffort(queue.obliterate({ force: true }), 5000);
    await bestEffort(deleteMatching(client, keys.everything), 5000);
    await bestEffort(queue.close());
    await Promise.all([bestEffort(client.quit()), bestEffort(blocking.quit())]);
    client.disconnect();
    blocking.disconnect();
  };

  let threads = workers;
  try {
    await bestEffort(sweepAbandoned(client, options.redisUrl), options.redisTimeoutMs);
    await announce();
    heartbeat = setInterval(() => void announce().catch(() => undefined), HEARTBEAT_EVERY_MS);
    if (options.agents === 'local') {
      local = startLocalAgents({ count: workers, redisUrl: options.redisUrl, queue: queueName, lockMs: options.lockMs, maxMemoryMb: start.maxMemoryMb });
    }
    const agents = await waitForAgents(client, keys, {
      count: workers,
      timeoutMs: options.readyTimeoutMs,
      site,
      failure: local?.startFailure,
      hint: () =>
        local === undefined
          ? 'start them on each host with PARABENCH_REDIS_URL=… parabench-agent (docs/distributed.md)'
          : `the local agents did not reach ${redis}${local.lastDeath() === undefined ? '' : `; ${local.lastDeath()}`}`,
    });
    threads = threadsOf(agents);
  } catch (error) {
    await close();
    throw error;
  }

  return createExecutor(backend, {
    chunkSizeFor: (itemCount) => resolveChunkSize(chunks, itemCount, threads),
    async map(request) {
      // Remote agents come and go between maps; local ones are this executor's own, one thread each.
      if (options.agents === 'remote') {
        const agents = await liveAgents(client, keys).catch(() => []);
        checkProtocol(agents, site);
        if (agents.length > 0) threads = threadsOf(agents);
      }
      return runMap(
        {
          backend: backend.name,
          queue,
          client,
          blocking,
          keys,
          redis,
          redisTimeoutMs: options.redisTimeoutMs,
          agentTimeoutMs: options.agentTimeoutMs,
          chunkSize: resolveChunkSize(chunks, request.items.length, threads),
          allow: async (key, file) => local?.allow(key, file),
        },
        request,
        await workloadNameOf(request),
      );
    },
    close,
  });
}

async function connect(options: ResolvedOptions, redis: string, site: { backend: string }): Promise<Redis> {
  const client = new Redis({ ...failFastOptions(options.redisUrl), lazyConnect: true });
  client.on('error', () => undefined);
  try {
    await withTimeout(client.connect(), options.redisTimeoutMs);
    return client;
  } catch (error) {
    client.disconnect();
    throw new ServiceUnavailableError(`cannot reach ${redis}: ${messageOf(error)}`, { ...site, cause: error });
  }
}

const threadsOf = (agents: readonly AgentInfo[]): number => agents.reduce((sum, agent) => sum + agent.threads, 0);
