import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultMaxMemory, resolveOptions } from '../src/command/options.js';

describe('resolveOptions', () => {
  it('defaults to 1 and availableParallelism workers, default size, seed 1', () => {
    expect(resolveOptions({})).toMatchObject({
      workers: [...new Set([1, availableParallelism()])],
      size: 'default',
      seed: 1,
      forks: 3,
      rounds: 1,
      time: 20_000,
      margin: 3,
      maxLiveWorkers: 64,
      workloads: undefined,
      backends: undefined,
    });
  });

  it('makes --quick mean the quick size, fewer rounds and a smaller budget, unless told otherwise', () => {
    expect(resolveOptions({ quick: true })).toMatchObject({ size: 'quick', forks: 2, rounds: 1, time: 2000, warmup: 20, slot: 10 });
    expect(resolveOptions({ quick: true, size: 'large', forks: '5', margin: '0.5' })).toMatchObject({ size: 'large', forks: 5, margin: 0.5 });
  });

  it('parses lists, trimming and dropping duplicates of worker counts', () => {
    expect(resolveOptions({ workers: '4, 1,4', backends: 'async, ./x.js' })).toMatchObject({ workers: [4, 1], backends: ['async', './x.js'] });
  });

  it.each([
    [{ workers: '1,x' }, /--workers needs an integer of at least 1, got "x"/],
    [{ seed: '-3' }, /--seed needs an integer/],
    [{ time: '1e3' }, /--time needs an integer/],
    [{ backends: ' , ' }, /--backends needs a comma-separated list/],
    [{ size: 'tiny' }, /--size must be one of quick, default, large/],
    [{ margin: '0' }, /--margin needs a percentage above 0, such as 3 or 0.5, got "0"/],
    [{ margin: '2%' }, /--margin needs a percentage/],
    [{ forks: '0' }, /--forks needs an integer of at least 1/],
    [{ rounds: '0' }, /--rounds needs an integer of at least 1/],
  ])('rejects %j with a usage error', (raw, message) => {
    expect(() => resolveOptions(raw)).toThrow(expect.objectContaining({ code: 'PARABENCH_INVALID_OPTIONS', message: expect.stringMatching(message) }));
  });

  it("limits each worker to half the machine's memory shared among the largest worker count, at least 256 MiB", () => {
    const gib = 2 ** 30;
    expect(defaultMaxMemory([1, 2], 24 * gib)).toBe(6144);
    expect(defaultMaxMemory([1, 16], 24 * gib)).toBe(768);
    expect(defaultMaxMemory([64], 8 * gib)).toBe(256);
    expect(resolveOptions({ maxMemory: '300' }).maxMemory).toBe(300);
    expect(() => resolveOptions({ maxMemory: '8' })).toThrow('--max-memory needs an integer of at least 32, got "8"');
  });
});
