import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('workloads and backends written in TypeScript', () => {
  it('runs a TypeScript workload (an interface, an enum, a relative import) on every backend, on Node 20, and agrees', async () => {
    const { code, stdout, output } = await runCli(['--quick', '--workloads', './tests/fixtures/typed-workload.ts', '--workers', '2']);
    expect(code, output).toBe(0);
    expect(stdout).toMatch(/^typed-parcels: 12 items\./m);
    expect(stdout).toMatch(/All \d+ combinations agree with the sequential reference/);
    for (const backend of ['async', 'worker-threads', 'cluster', 'piscina', 'tinypool', 'workerpool', 'threads', 'poolifier-threads', 'poolifier-cluster']) {
      expect(stdout).toMatch(new RegExp(`│ ${backend} × 2\\s+│.*✓`));
    }
  });

  it('runs a backend written in TypeScript', async () => {
    const { code, stdout, output } = await runCli(['--quick', '--workloads', 'sum-range', '--backends', './tests/fixtures/typed-backend.mts']);
    expect(code, output).toBe(0);
    expect(stdout).toMatch(/│ typed-loop × 1\s+│.*✓/);
  });

  it('stops at a syntax error with exit 2, naming the file, line and column', async () => {
    // Written here rather than kept as a fixture, so that the type checker and the formatter never see it.
    const file = join(mkdtempSync(join(tmpdir(), 'parabench-syntax-')), 'syntax-error.ts');
    writeFileSync(
      file,
      'export default {\n  name: "broken-syntax",\n  description: "a syntax error on line 4"\n  generate() { return { items: [1], context: null }; },\n};\n',
    );
    const { code, stderr, stdout } = await runCli(['--quick', '--workloads', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`parabench: ${file}:4:3: cannot be compiled: Expected "}" but found "generate"`);
    expect(stdout).toBe('');
  });
});

describe("a workload's generated input", () => {
  it.each([
    ['number-items', 'generate() returned items that are a number, not an array'],
    ['nothing', 'generate() returned undefined, not { items, context }'],
    ['no-items', 'generate() returned no items: there is nothing to map'],
    ['function-item', 'generate() returned items[2], which cannot be sent to a worker: () => 3 could not be cloned.'],
    ['function-context', 'generate() returned a context that cannot be sent to a worker: () => 2 could not be cloned.'],
  ])('of the wrong shape (%s) stops the run before it measures anything, with exit 2 naming the workload and the field', async (input, message) => {
    const { code, stderr, stdout } = await runCli(['--quick', '--workloads', './tests/fixtures/bad-input.js', '--backends', 'worker-threads'], {
      env: { PARABENCH_FIXTURE_INPUT: input },
    });
    expect(code).toBe(2);
    expect(stderr).toContain(`parabench: workload "bad-input": ${message}`);
    expect(stdout).toBe('');
  });

  it('mapped differently each time is said to be not deterministic, and nothing is judged against it', async () => {
    const { code, stdout } = await runCli([
      '--quick',
      '--workloads',
      './tests/fixtures/not-deterministic.js',
      '--backends',
      'worker-threads',
      '--workers',
      '1',
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /not-deterministic · sequential × 1: \[PARABENCH_REFERENCE_FAILED\] not-deterministic gives different answers for the same input \(item 0: .+ once, .+ another time\): its map is not deterministic, so no backend can be judged against it/,
    );
    expect(stdout).toMatch(/not-deterministic · worker-threads × 1: \[PARABENCH_REFERENCE_FAILED\]/);
  });
});
