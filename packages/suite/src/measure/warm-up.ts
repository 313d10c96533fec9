import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import type { Contender } from './contender.js';
import { failRow } from './row.js';

/**
 * Warms every contender before the rounds begin, with tinybench's warm-up: at least one map each,
 * and more until `warmupMs` has passed, so that every worker's JIT has settled on the workload.
 * A contender whose cold first map already took that long is warm enough. Results are checked
 * here too; a failure is recorded on the row and ends its warm-up.
 */
export async function warmUp(
  contenders: readonly Contender[],
  expected: readonly unknown[],
  warmupMs: number,
  now: () => number = () => performance.now(),
  onWarmUp?: (contender: Contender) => void,
): Promise<void> {
  const bench = new Bench({ warmup: true, warmupIterations: 1, warmupTime: warmupMs, throws: false, now });
  const live = contenders.filter((contender) => contender.row.stopped !== 'failed' && (contender.row.firstMapMs ?? 0) < warmupMs);
  for (const [index, contender] of live.entries()) {
    bench.add(
      String(index),
      async () => {
        if (contender.row.stopped === 'failed') return;
        try {
          contender.check(await contender.map(), expected);
        } catch (error) {
          failRow(contender.row, error);
        }
      },
      { async: true, beforeEach: () => contender.prepare() },
    );
  }
  for (const [index, task] of bench.tasks.entries()) {
    const contender = live[index];
    if (contender !== undefined) onWarmUp?.(contender);
    await task.warmup();
  }
}
