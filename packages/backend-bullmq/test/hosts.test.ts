import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, loadWorkload, type Executor } from '@parabench/core';
import { createBullmqBackend } from '../dist/index.js';
import { BRIDGE_ADDRESS, buildLab, labLeftovers, labUnavailable, type Lab } from './lab.js';
import { redisServerPath, required, startTestRedis, type TestRedis } from './redis-server.js';

const workloads = new URL('../node_modules/@parabench/workloads/dist/workloads/', import.meta.url);
const echo = new URL('../node_modules/@parabench/core/dist/conformance/fixtures/echo.js', import.meta.url).href;
const slowItems = (count: number, delayMs: number) => Array.from({ length: count }, (_, value) => ({ value, delayMs }));
const echoed = (count: number, context: unknown) => Array.from({ length: count }, (_, value) => ({ value, context }));
const AGENT_ARGS = ['--threads', '1', '--lock-ms', '2000', '--package', '@parabench/workloads', '--package', '@parabench/core'];

const unavailable =
  labUnavailable() ??
  (redisServerPath === undefined ? 'there is no redis-server on PATH (`sudo apt-get install redis-server` on Debian or Ubuntu)' : undefined);
if (unavailable !== undefined) {
  if (required) throw new Error(`the multi-host bullmq tests cannot run: ${unavailable}`);
  console.warn(`skipping the multi-host bullmq tests: ${unavailable}.`);
}

describe.skipIf(unavailable !== undefined)('bullmq across three hosts (network namespaces)', () => {
  let lab: Lab;
  let redis: TestRedis;
  let backend: ReturnType<typeof createBullmqBackend>;
  const open: Executor[] = [];
  const start = async (): Promise<Executor> => {
    const executor = await backend.start({ workers: 3, chunkSize: 1 });
    open.push(executor);
    return executor;
  };

  beforeAll(async () => {
    lab = buildLab(3);
    redis = (await startTestRedis('the multi-host bullmq tests', [BRIDGE_ADDRESS])) as TestRedis;
    for (const host of lab.hosts) host.startAgent(redis.url, AGENT_ARGS);
    backend = createBullmqBackend({ redisUrl: redis.url, agents: 'remote', redisTimeoutMs: 5000 });
  });
  afterAll(async () => {
    await Promise.all(open.map((executor) => executor.close()));
    await lab?.teardown();
    await redis?.stop();
  });

  it('maps sum-range and membership through the three agents, like the reference', async () => {
    const executor = await start();
    for (const name of ['sum-range', 'membership']) {
      const url = new URL(`${name}.js`, workloads).href;
      const workload = await loadWorkload(url);
      const { items, context } = await workload.generate({ size: 'quick', seed: 7 });
      const expected = await Promise.all(items.map((item) => workload.map(item, context)));
      await expect(executor.map({ workloadUrl: url, items, context })).resolves.toEqual(expected);
    }
  });

  it('redoes the chunks of an agent SIGKILLed mid-map on the other hosts', async () => {
    const executor = await start();
    const mapping = executor.map({ workloadUrl: echo, items: slowItems(30, 200), context: 'kill' });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const [victim] = lab.hosts;
    victim?.agent?.kill('SIGKILL');
    await expect(mapping).resolves.toEqual(echoed(30, 'kill'));
    victim?.startAgent(redis.url, AGENT_ARGS);
  });

  it('survives an agent whose link goes down mid-map and comes back: every chunk counted once', async () => {
    const executor = await start();
    const host = lab.hosts[1]!;
    const mapping = executor.map({ workloadUrl: echo, items: slowItems(30, 300), context: 'cut' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    lab.link(host, false);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    lab.link(host, true);
    await expect(mapping).resolves.toEqual(echoed(30, 'cut'));
    // The host is back: a caller that waits for all three agents gets them, and maps.
    const next = await start();
    await expect(next.map({ workloadUrl: echo, items: slowItems(9, 0), context: 'after' })).resolves.toEqual(echoed(9, 'after'));
  });

  it('fails with PARABENCH_WORKLOAD_REFUSED naming a host when a module is not one the hosts allow', async () => {
    const executor = await start();
    const dir = mkdtempSync(join(tmpdir(), 'parabench-unlisted-'));
    writeFileSync(
      join(dir, 'unlisted.js'),
      "export default { name: 'unlisted', description: 'x', generate: () => ({ items: [], context: null }), map: (x) => x };\n",
    );
    const error = await executor.map({ workloadUrl: pathToFileURL(join(dir, 'unlisted.js')).href, items: [1, 2, 3], context: null }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.WorkloadRefused, backend: 'bullmq', workload: 'unlisted' });
    expect((error as Error).message).toMatch(/agent lab-host-\d\/\d+ does not serve workload module unlisted\.js/);
  });

  it('leaves no key in Redis once every executor is closed, and the lab leaves no namespace or link', async () => {
    await Promise.all(open.splice(0).map((executor) => executor.close()));
    const client = redis.client();
    const deadline = Date.now() + 15_000;
    let keys = await client.keys('*');
    while (keys.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      keys = await client.keys('*');
    }
    expect(keys).toEqual([]);
    await client.quit();
    await lab.teardown();
    expect(labLeftovers()).toEqual([]);
  });
});
