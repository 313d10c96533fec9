import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/** A private redis-server for one test file: free port, password, no persistence, no eviction. */
export interface TestRedis {
  url: string;
  port: number;
  password: string;
  /** A fresh client; the test closes it. */
  client(): Redis;
  /** Stops it for good and removes its folder. */
  stop(): Promise<void>;
  /** Kills the server, as an outage would; `start()` brings it back. */
  kill(): Promise<void>;
  /** Starts it again on the same port and password, with an empty database. */
  start(): Promise<void>;
}

// .ci/run installs redis-server and sets PARABENCH_REQUIRE_REDIS, so there a missing server fails
// the tests that need one; elsewhere they are skipped, out loud.
export const required = process.env.PARABENCH_REQUIRE_REDIS === '1' || process.env.CI !== undefined;

/** redis-server on PATH, or undefined. */
export const redisServerPath = (process.env.PATH ?? '')
  .split(delimiter)
  .map((dir) => join(dir, 'redis-server'))
  .find((file) => existsSync(file));

/** Starts one, or returns undefined after saying why the caller's tests are skipped. */
export async function startTestRedis(what: string, bind: readonly string[] = ['127.0.0.1']): Promise<TestRedis | undefined> {
  const redis = await createTestRedis(what, bind);
  await redis?.start();
  return redis;
}

/**
 * One for the calling test file, started before its first test that runs and stopped after its
 * last, so that a run whose filter leaves out every test of the file starts none. Its address is
 * known at once; undefined, after saying why, where there is no redis-server.
 */
export async function useTestRedis(what: string): Promise<TestRedis | undefined> {
  const redis = await createTestRedis(what, ['127.0.0.1']);
  if (redis !== undefined) {
    beforeAll(() => redis.start());
    afterAll(() => redis.stop());
  }
  return redis;
}

/** Picks its port, password and folder; `start()` starts it. */
async function createTestRedis(what: string, bind: readonly string[]): Promise<TestRedis | undefined> {
  if (redisServerPath === undefined) {
    if (required) throw new Error(`${what} need redis-server, which is not on PATH (install it with \`apt-get install redis-server\`)`);
    console.warn(`skipping ${what}: no redis-server on PATH. Install one to run them: \`sudo apt-get install redis-server\` on Debian or Ubuntu.`);
    return undefined;
  }
  const server = redisServerPath;
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'parabench-redis-'));
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const args = [
      '--port',
      String(port),
      '--bind',
      bind.join(' '),
      '--requirepass',
      password,
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
      '--dir',
      dir,
      '--protected-mode',
      'no',
    ];
    const started = spawn(server, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    started.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
    started.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
    const deadline = Date.now() + 10_000;
    while (!output.includes('Ready to accept connections')) {
      if (started.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child = started;
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };
  process.once('exit', () => child?.kill('SIGKILL'));
  const url = `redis://:${password}@${bind[0] ?? '127.0.0.1'}:${port}`;
  return {
    url,
    port,
    password,
    client: () => new Redis(url, { maxRetriesPerRequest: 1 }).on('error', () => undefined),
    async stop() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    kill: stop,
    start,
  };
}

/** A port free on every address (the lab's Redis listens on the bridge, not on loopback). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
