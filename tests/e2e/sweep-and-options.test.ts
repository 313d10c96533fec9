import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('chunk sizes, sweeps and --gc', () => {
  it('sweeps chunk sizes on one workload and one backend, showing the per-item overhead fall', async () => {
    const { code, stdout } = await runCli(
      '--sweep chunk-size --workloads tiny-tasks --backends worker-threads --size quick --forks 1 --rounds 2 --time 50'.split(' '),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ backend\s+│ workers │\s+chunk size │ messages per map │/);
    const sizes = [...stdout.matchAll(/│ worker-threads │\s+\d+ │\s+(\d+(?: \(auto\))?) │/g)].map((m) => m[1]);
    expect(sizes.slice(0, 4)).toEqual(['1', '4', '16', '64']);
    // The automatic size as the executor chose it: about four chunks per worker, two workers.
    expect(sizes.at(-1)).toBe(`${Math.ceil(10_000 / 8)} (auto)`);
    expect(stdout).toMatch(/All \d+ combinations agree/);
  });

  it.each([
    [['--sweep', 'chunk-size', '--workloads', 'sum-range'], /needs exactly one workload and one backend/],
    [['--sweep', 'chunk-size', '--workloads', 'sum-range', '--backends', 'async'], /needs a backend that declares chunking; "async" does not/],
    [['--sweep', 'workers'], /--sweep can only be chunk-size/],
    [['--chunk-size', '0'], /--chunk-size needs an integer of at least 1/],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('passes --chunk-size to the backends that chunk, and records it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parabench-chunks-'));
    const { code } = await runCli([
      '--quick',
      '--workloads',
      'sum-range',
      '--backends',
      'worker-threads,async',
      '--chunk-size',
      '3',
      '--json',
      join(dir, 'run.json'),
      '--markdown',
      join(dir, 'run.md'),
    ]);
    expect(code).toBe(0);
    const { results } = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { results: Array<{ backend: string; workers: number; chunkSize: unknown }> };
    expect(results.map(({ backend, workers, chunkSize }) => `${backend} × ${workers}: ${String(chunkSize)}`)).toEqual([
      'sequential × 1: null',
      'worker-threads × 1: 3',
      'worker-threads × 2: 3',
      'async × 1: null',
      'async × 2: null',
    ]);
    expect(readFileSync(join(dir, 'run.md'), 'utf8')).toMatch(/^- run: size quick, seed 1, workers 1,2, chunk size 3$/m);
  });

  it('runs with --gc, collecting in the main thread and in the workers between samples', async () => {
    const { code, stdout } = await runCli(['--gc', '--quick', '--workloads', 'sum-range', '--backends', 'worker-threads,cluster,piscina']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/All \d+ combinations agree/);
  });
});
