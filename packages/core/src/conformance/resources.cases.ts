import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { echoRequest, fixtures, range, type ConformanceContext } from './context.js';
import { canCountThreads, childPids, eventually, isAlive, threadCount } from './processes.js';

const probeScript = fileURLToPath(new URL('./orphan-probe.js', import.meta.url));

/** Nothing the executor started outlives `close()`, or the death of the process that started it. */
export function resourceCases(ctx: ConformanceContext): void {
  const runsOn = ctx.backend.runsOn ?? 'main-thread';

  it.skipIf(!canCountThreads)('leaves no thread and no child process behind after close()', async () => {
    // One full cycle first, so that threads Node starts lazily (and keeps) are in the baseline.
    const cycle = async (): Promise<void> => {
      const executor = await ctx.start();
      await executor.map(echoRequest(range(8)));
      await executor.close();
    };
    await cycle();
    const threads = threadCount();
    const children = childPids().length;
    const executor = await ctx.start(3);
    await executor.map(echoRequest(range(8)));
    await executor.close();
    expect(await eventually(() => threadCount() <= threads && childPids().length <= children)).toBe(true);
  });

  it.skipIf(!canCountThreads || runsOn !== 'processes')('leaves no child process behind when its parent is SIGKILLed', async () => {
    const probe = spawn(process.execPath, [probeScript, ctx.backendUrl, '2', fixtures.echo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    probe.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    expect(await eventually(() => output.includes('\n'), 20_000)).toBe(true);
    const { children } = JSON.parse(output) as { children: number[] };
    expect(children.length).toBeGreaterThanOrEqual(2);
    probe.kill('SIGKILL');
    await once(probe, 'exit');
    expect(await eventually(() => children.every((pid) => !isAlive(pid)))).toBe(true);
  });
}
