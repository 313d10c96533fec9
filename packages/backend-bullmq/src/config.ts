import { InvalidOptionsError } from '@parabench/core';

/** Where the backend and `parabench-agent` read Redis's URL, password included: `redis://:PASSWORD@HOST:PORT/DB`. */
export const REDIS_URL_ENV = 'PARABENCH_REDIS_URL';
/** `local` (the default) or `remote`: see {@link BullmqOptions.agents}. */
export const AGENTS_ENV = 'PARABENCH_BULLMQ_AGENTS';

export interface BullmqOptions {
  /** Redis's URL, password included. @default process.env.PARABENCH_REDIS_URL */
  redisUrl?: string | undefined;
  /**
   * `local`: `start({ workers })` starts `workers` agents on this machine as child processes, one
   * thread each. `remote`: it waits for `workers` agents started elsewhere with `parabench-agent`.
   * @default process.env.PARABENCH_BULLMQ_AGENTS, else 'local'
   */
  agents?: 'local' | 'remote' | undefined;
  /** How long `start()` waits for its agents before it fails with `PARABENCH_START_TIMEOUT`. @default 30_000 */
  readyTimeoutMs?: number | undefined;
  /** How long Redis may stay unreachable during a map before it fails with `PARABENCH_SERVICE_UNAVAILABLE`. @default 10_000 */
  redisTimeoutMs?: number | undefined;
  /** How long a map may find no live agent before it fails with `PARABENCH_WORKER_EXITED`. @default 20_000 */
  agentTimeoutMs?: number | undefined;
  /**
   * Job lock of local agents: a dead agent's chunk goes back to the queue within about this
   * plus half of it (the stalled-job check). @default 10_000
   */
  lockMs?: number | undefined;
}

export interface ResolvedOptions {
  redisUrl: string;
  agents: 'local' | 'remote';
  readyTimeoutMs: number;
  redisTimeoutMs: number;
  agentTimeoutMs: number;
  lockMs: number;
}

export function resolveOptions(options: BullmqOptions, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const redisUrl = options.redisUrl ?? env[REDIS_URL_ENV];
  if (redisUrl === undefined || redisUrl === '') throw new InvalidOptionsError(`bullmq needs Redis: set ${REDIS_URL_ENV}=redis://:PASSWORD@HOST:PORT`);
  redisOptions(redisUrl);
  const agents = options.agents ?? (env[AGENTS_ENV] === undefined || env[AGENTS_ENV] === '' ? 'local' : env[AGENTS_ENV]);
  if (agents !== 'local' && agents !== 'remote') throw new InvalidOptionsError(`${AGENTS_ENV} must be "local" or "remote", got "${agents}"`);
  return {
    redisUrl,
    agents,
    readyTimeoutMs: positive(options.readyTimeoutMs, 30_000, 'readyTimeoutMs'),
    redisTimeoutMs: positive(options.redisTimeoutMs, 10_000, 'redisTimeoutMs'),
    agentTimeoutMs: positive(options.agentTimeoutMs, 20_000, 'agentTimeoutMs'),
    lockMs: positive(options.lockMs, 10_000, 'lockMs'),
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new InvalidOptionsError(`bullmq: ${name} must be a positive number of milliseconds, got ${value}`);
  return value;
}

/** Where Redis is and how to log in: fits both ioredis's and BullMQ's connection options. */
export interface RedisAddress {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
}

/** ioredis options from a `redis://` or `rediss://` URL; throws `PARABENCH_INVALID_OPTIONS` on anything else. */
export function redisOptions(url: string): RedisAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidOptionsError(`${REDIS_URL_ENV} is not a URL: expected redis://:PASSWORD@HOST:PORT`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InvalidOptionsError(`${REDIS_URL_ENV} must start with redis:// or rediss://, got ${parsed.protocol}//`);
  }
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(db === '' ? {} : { db: Number(db) }),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * Connection options for a client that fails a command at once while Redis is away, instead of
 * queueing it: every wait on Redis is then bounded by parabench's own timeouts (`untilRedis`).
 */
export function failFastOptions(url: string): RedisAddress & { enableOfflineQueue: false; maxRetriesPerRequest: 1 } {
  return { ...redisOptions(url), enableOfflineQueue: false, maxRetriesPerRequest: 1 };
}

/** The URL without its credentials, for messages. */
export function describeRedis(url: string): string {
  const { host, port } = redisOptions(url);
  return `Redis at ${host}:${port}`;
}
