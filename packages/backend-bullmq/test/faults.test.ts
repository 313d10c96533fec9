import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, type Executor } from '@parabench/core';
import { childPids, isAlive } from '@parabench/core/conformance';
import { createBullmqBackend } from '../dist/index.js';
import { startAgent, type Agent } from '../dist/agent/index.js';
import { useTestRedis } from './redis-server.js';

const echo = new URL('../node_modules/@parabench/core/dist/conformance/fixtures/echo.js', import.meta.url).href;
const slowItems = (count: number, delayMs: number) => Array.from({ length: count }, (_, value) => ({ value, delayMs }));
const echoed = (count: number, context: unknown) => Array.from({ length: count }, (_, value) => ({ value, context }));

/** The local agents this process started (its other child is redis-server). */
const agentPids = (): number[] => childPids().filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('agent/cli.js'));

/** Whether any live process has `text` on its command line (local agents carry their queue's name). */
const processesMentioning = (text: string): boolean =>
  readdirSync('/proc').some((entry) => {
    try {
      return /^\d+$/.test(entry) && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text);
    } catch {
      return false;
    }
  });

const redis = await useTestRedis('the bullmq fault tests');
const open: Array<Executor | Agent> = [];
const track = <T extends Executor | Agent>(value: T): T => {
  open.push(value);
  return value;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

describe.skipIf(redis === undefined)('bullmq under faults (one host)', () => {
  const url = redis?.url ?? '';
  // Short locks, so that a dead agent's chunk comes back to the queue within about 3 s.
  const backend = createBullmqBackend({ redisUrl: url, lockMs: 2000, redisTimeoutMs: 3000, readyTimeoutMs: 20_000 });

  it('redoes the chunks of an agent SIGKILLed mid-map on another agent: every result right, each once', async () => {
    const executor = track(await backend.start({ workers: 2, chunkSize: 2 }));
    const agents = agentPids();
    expect(agents.length).toBeGreaterThanOrEqual(2);
    const mapping = executor.map({ workloadUrl: echo, items: slowItems(24, 150), context: 'k' });
    await new Promise((resolve) => setTimeout(resolve, 600));
    process.kill(agents[0] as number, 'SIGKILL');
    await expect(mapping).resolves.toEqual(echoed(24, 'k'));
    await expect(executor.map({ workloadUrl: echo, items: slowItems(6, 0), context: 'next' })).resolves.toEqual(echoed(6, 'next'));
  });

  it('fails with PARABENCH_SERVICE_UNAVAILABLE naming Redis when it stops mid-map, and maps again once it is back', async () => {
    const executor = track(await backend.start({ workers: 2 }));
    const mapping = executor.map({ workloadUrl: echo, items: slowItems(16, 300), context: null }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis!.kill();
    const error = await mapping;
    expect(error).toMatchObject({ code: ErrorCode.ServiceUnavailable, backend: 'bullmq', workload: 'conformance-echo' });
    expect((error as Error).message).toMatch(/Redis at 127\.0\.0\.1:\d+ did not answer for 3 s while/);
    await redis!.start();
    await expect(executor.map({ workloadUrl: echo, items: slowItems(6, 0), context: 'back' })).resolves.toEqual(echoed(6, 'back'));
  });

  it('fails with PARABENCH_SERVICE_UNAVAILABLE when Redis comes back empty mid-map (restarted, or flushed)', async () => {
    const executor = track(await backend.start({ workers: 2 }));
    const mapping = executor.map({ workloadUrl: echo, items: slowItems(16, 300), context: null }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const client = redis!.client();
    await client.flushall();
    await client.quit();
    const error = await mapping;
    expect(error).toMatchObject({ code: ErrorCode.ServiceUnavailable, backend: 'bullmq', workload: 'conformance-echo' });
    expect((error as Error).message).toContain("lost this map's state");
    await expect(executor.map({ workloadUrl: echo, items: slowItems(6, 0), context: 'again' })).resolves.toEqual(echoed(6, 'again'));
  });

  it("keeps a cancelled map's late chunks out of the next map, and out of Redis", async () => {
    const executor = track(await backend.start({ workers: 2, chunkSize: 1 }));
    const controller = new AbortController();
    const first = executor.map({ workloadUrl: echo, items: slowItems(6, 800), context: 'first', signal: controller.signal });
    setTimeout(() => controller.abort(new Error('enough')), 200);
    await expect(first).rejects.toMatchObject({ code: ErrorCode.Aborted, backend: 'bullmq' });
    await expect(executor.map({ workloadUrl: echo, items: slowItems(6, 0), context: 'second' })).resolves.toEqual(echoed(6, 'second'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const client = redis!.client();
    expect(await client.keys('*:pb:map:*')).toEqual([]);
    await client.quit();
  });

  it('leaves no job, key, connection or process behind after close()', async () => {
    const client = redis!.client();
    await client.ping();
    const executor = await backend.start({ workers: 2 });
    await executor.map({ workloadUrl: echo, items: slowItems(10, 0), context: null });
    const agents = agentPids();
    await executor.close();
    expect(await client.dbsize()).toBe(0);
    const connections = (await client.client('LIST')) as string;
    expect(connections.trim().split('\n')).toHaveLength(1); // this test's own
    expect(agents.some(isAlive)).toBe(false);
    await client.quit();
  });

  it('removes, as the next caller starts, the queue of a caller that died without closing it', async () => {
    const script = `
      import { createBullmqBackend } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
      const executor = await createBullmqBackend({ redisUrl: process.env.TEST_REDIS_URL }).start({ workers: 1 });
      await executor.map({ workloadUrl: ${JSON.stringify(echo)}, items: [{ value: 1 }], context: null });
      console.log('mapped');
      setInterval(() => undefined, 1000);`;
    const caller = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TEST_REDIS_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    caller.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    await vi.waitUntil(() => output.includes('mapped'), { timeout: 30_000, interval: 50 });
    const client = redis!.client();
    const [queue] = await client.smembers('parabench:callers');
    caller.kill('SIGKILL');
    await once(caller, 'exit');
    // Its agents leave with it (their IPC channel closes); then nothing writes to its queue any more.
    await vi.waitUntil(() => !processesMentioning(String(queue)), { timeout: 10_000, interval: 50 });
    expect(await client.keys(`parabench:${queue}:*`)).not.toEqual([]);
    await client.del(`parabench:${queue}:pb:lease`); // as if the lease had run out
    track(await backend.start({ workers: 1 }));
    expect(await client.keys(`parabench:${queue}:*`)).toEqual([]);
    expect(await client.smembers('parabench:callers')).not.toContain(queue);
    await client.quit();
  });

  it('fails to start at once with PARABENCH_WORKER_EXITED, saying how, when its agents die before they are ready', async () => {
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--require ./no-such-preload.cjs'; // inherited by the agents, fatal to them
    try {
      const error = await backend.start({ workers: 2 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCode.WorkerExited, backend: 'bullmq' });
      expect((error as Error).message).toMatch(/local agent \d+ exited with code 1: [\s\S]*no-such-preload[\s\S]* before it was ready/);
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
    expect(agentPids()).toEqual([]);
  });

  it('fails to start with PARABENCH_SERVICE_UNAVAILABLE when Redis cannot be reached', async () => {
    const unreachable = createBullmqBackend({ redisUrl: 'redis://:x@127.0.0.1:1', redisTimeoutMs: 2000 });
    await expect(unreachable.start({ workers: 1 })).rejects.toMatchObject({
      code: ErrorCode.ServiceUnavailable,
      message: expect.stringContaining('Redis at 127.0.0.1:1'),
    });
  });

  it('fails to start with PARABENCH_START_TIMEOUT when fewer remote agents come than workers', async () => {
    const remote = createBullmqBackend({ redisUrl: url, agents: 'remote', readyTimeoutMs: 1500 });
    track(await startAgent({ redisUrl: url, threads: 1 }));
    await expect(remote.start({ workers: 2 })).rejects.toMatchObject({
      code: ErrorCode.StartTimeout,
      message: expect.stringContaining('2 agent(s) were expected'),
    });
  });

  it('says it needs Redis when none is configured', () => {
    const saved = process.env.PARABENCH_REDIS_URL;
    delete process.env.PARABENCH_REDIS_URL;
    try {
      expect(createBullmqBackend().needs?.()).toMatch(/^Redis: set PARABENCH_REDIS_URL/);
      expect(createBullmqBackend({ redisUrl: url }).needs?.()).toBeUndefined();
    } finally {
      if (saved !== undefined) process.env.PARABENCH_REDIS_URL = saved;
    }
  });
});

describe.skipIf(redis === undefined)('what a remote agent refuses', () => {
  const url = redis?.url ?? '';
  const remote = createBullmqBackend({ redisUrl: url, agents: 'remote' });

  it('refuses a workload module its operator did not allow, with PARABENCH_WORKLOAD_REFUSED naming the agent', async () => {
    const agent = track(await startAgent({ redisUrl: url, threads: 1 })); // allows @parabench/workloads only
    const executor = track(await remote.start({ workers: 1 }));
    const error = await executor.map({ workloadUrl: echo, items: slowItems(3, 0), context: null }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.WorkloadRefused, backend: 'bullmq', workload: 'conformance-echo' });
    expect((error as Error).message).toContain(
      `agent ${agent.info.host}/${process.pid} does not serve workload module @parabench/core/dist/conformance/fixtures/echo.js`,
    );
  });

  it('refuses a host whose copy of the workload differs, with PARABENCH_VERSION_SKEW naming it', async () => {
    const module = (answer: number) =>
      `export default { name: 'skewed', description: 'x', generate: () => ({ items: [1], context: null }), map: () => ${answer} };\n`;
    const here = mkdtempSync(join(tmpdir(), 'parabench-skew-caller-'));
    const there = mkdtempSync(join(tmpdir(), 'parabench-skew-agent-'));
    writeFileSync(join(here, 'skewed.js'), module(1));
    writeFileSync(join(there, 'skewed.js'), module(2));
    const agent = track(await startAgent({ redisUrl: url, threads: 1, dirs: [there] }));
    const executor = track(await remote.start({ workers: 1 }));
    const error = await executor.map({ workloadUrl: pathToFileURL(join(here, 'skewed.js')).href, items: [1, 2], context: null }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.VersionSkew, backend: 'bullmq', workload: 'skewed' });
    expect((error as Error).message).toContain(`agent ${agent.info.host}/${process.pid} has a different copy of workload module skewed.js`);
    writeFileSync(join(there, 'skewed.js'), module(1));
    await expect(executor.map({ workloadUrl: pathToFileURL(join(here, 'skewed.js')).href, items: [1, 2], context: null })).resolves.toEqual([1, 1]);
  });
});
