import { randomUUID } from 'node:crypto';
import { availableParallelism, hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import workerThreads from '@parabench/backend-worker-threads';
import { validateWorkers } from '@parabench/core';
import { failFastOptions } from '../config.js';
import { HEARTBEAT_EVERY_MS, queueKeys, REGISTRY_KEY } from '../keys.js';
import { agentLabel, PROTOCOL, PUSH_IF_LIVE, type AgentInfo } from '../protocol.js';
import { createAllowList, type AllowList } from './allowed.js';
import { serveQueue, type AgentCore } from './serve-queue.js';

export interface AgentOptions {
  /** Redis's URL, password included. */
  redisUrl: string;
  /** Threads of the agent's pool. @default os.availableParallelism() */
  threads?: number | undefined;
  /** Serve only this queue (how a caller's local agents run). @default every live caller's queue */
  queue?: string | undefined;
  /** Installed packages whose workload modules may be loaded. @default ['@parabench/workloads'] */
  packages?: readonly string[] | undefined;
  /** Folders whose workload module files may be loaded, by file name. @default none */
  dirs?: readonly string[] | undefined;
  /** Single files allowed by their ref's key, read live (see `connectToParent`). @default none */
  files?: Map<string, string> | undefined;
  /** BullMQ job lock in ms: a dead agent's chunk is redone within about 1.5× this. @default 10_000 */
  lockMs?: number | undefined;
  /** Heap limit of each pool thread, in MiB. @default Node's own */
  maxMemoryMb?: number | undefined;
  /** How errors and the caller name this agent's host. @default os.hostname() */
  name?: string | undefined;
  /** Where the agent reports what it does. @default nothing */
  log?: ((line: string) => void) | undefined;
}

export interface Agent {
  info: AgentInfo;
  allow: AllowList;
  /** Stops taking jobs, leaves every queue, ends the pool and the connections. */
  close(): Promise<void>;
}

export type { AgentInfo } from '../protocol.js';

/** Starts an agent: a thread pool that takes parabench's chunk jobs from Redis. */
export async function startAgent(options: AgentOptions): Promise<Agent> {
  const threads = validateWorkers(options.threads ?? availableParallelism());
  const log = options.log ?? (() => undefined);
  const info: AgentInfo = { id: randomUUID(), host: options.name ?? hostname(), pid: process.pid, threads, protocol: PROTOCOL };
  const allow = createAllowList({
    packages: options.packages ?? ['@parabench/workloads'],
    dirs: options.dirs ?? [],
    files: options.files,
    searchFrom: [process.cwd(), fileURLToPath(new URL('.', import.meta.url))],
  });
  const client = new Redis({ ...failFastOptions(options.redisUrl), lazyConnect: true });
  client.defineCommand('pushIfLive', PUSH_IF_LIVE);
  client.on('error', () => undefined);
  await client.connect();
  const pool = await workerThreads.start({ workers: threads, maxMemoryMb: options.maxMemoryMb });
  let turn: Promise<unknown> = Promise.resolve();
  const core: AgentCore = {
    info,
    label: agentLabel(info),
    allow,
    redisUrl: options.redisUrl,
    client: client as AgentCore['client'],
    lockMs: options.lockMs ?? 10_000,
    log,
    // One map at a time on the pool; the next job waits here, already fetched.
    run(workloadUrl, workloadName, items, context, signal) {
      const mine = turn.then(() => pool.map({ workloadUrl, workloadName, items, context, signal }));
      turn = mine.catch(() => undefined);
      return mine;
    },
  };

  const served = new Map<string, Promise<{ close(): Promise<void> }>>();
  const attach = (queue: string): void => {
    if (served.has(queue)) return;
    log(`serving queue ${queue}`);
    const serving = serveQueue(queue, core);
    serving.catch((error: unknown) => {
      served.delete(queue);
      log(`could not serve queue ${queue}: ${String(error)}`);
    });
    served.set(queue, serving);
  };
  const detach = async (queue: string): Promise<void> => {
    const serving = served.get(queue);
    served.delete(queue);
    log(`leaving queue ${queue}`);
    await serving?.then(
      (s) => s.close(),
      () => undefined,
    );
  };

  let discovery: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  if (options.queue !== undefined) attach(options.queue);
  else {
    const discover = async (): Promise<void> => {
      const queues = await client.smembers(REGISTRY_KEY);
      const live = await Promise.all(queues.map(async (queue) => ((await client.exists(queueKeys(queue).caller)) === 1 ? queue : undefined)));
      for (const queue of live) if (queue !== undefined) attach(queue);
      for (const queue of served.keys()) if (!live.includes(queue)) await detach(queue);
    };
    const tick = (): void =>
      void discover()
        .catch(() => undefined)
        .finally(() => {
          if (closing === undefined) discovery = setTimeout(tick, HEARTBEAT_EVERY_MS);
        });
    tick();
  }

  return {
    info,
    allow,
    close() {
      closing ??= (async () => {
        clearTimeout(discovery);
        discovery = undefined;
        await Promise.allSettled([...served.keys()].map((queue) => detach(queue)));
        await pool.close();
        await client.quit().catch(() => undefined);
        client.disconnect();
      })();
      return closing;
    },
  };
}
