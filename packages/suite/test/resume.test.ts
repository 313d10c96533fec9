import { describe, expect, it } from 'vitest';
import { describeMachine } from '../src/measure/machine.js';
import { resolveOptions } from '../src/command/options.js';
import { buildJsonReport } from '../src/report/json.js';
import { checkSameMachine, remainingWorkloads, resumeOptions, type ResumePoint } from '../src/command/resume.js';

/** An interrupted run's report, as the CLI writes it, after `done` of the planned workloads. */
function interrupted(argv: Record<string, string | boolean>, remaining: string[]): ResumePoint {
  const options = resolveOptions(argv);
  const plan = { workloads: ['io-wait', 'sum-range', 'tiny-tasks'], backends: ['sequential', 'worker-threads'] };
  const report = JSON.parse(JSON.stringify(buildJsonReport(describeMachine(), options, { planned: plan, finished: [], remaining })));
  return { file: 'run.json', report, finished: [] };
}

describe('--resume', () => {
  it("takes the interrupted run's options, and writes back to its file unless told otherwise", () => {
    const point = interrupted({ quick: true, seed: '5', workers: '1,3', maxMemory: '512' }, ['tiny-tasks']);
    const options = resumeOptions({ markdown: 'run.md' }, point);
    expect(options).toMatchObject({ size: 'quick', seed: 5, workers: [1, 3], maxMemory: 512, time: 2000, forks: 2, json: 'run.json', markdown: 'run.md' });
    expect(options.timeout).toBeUndefined();
    expect(resumeOptions({ json: 'elsewhere.json' }, point).json).toBe('elsewhere.json');
  });

  it('accepts the same options given again, --quick included, and names every one that differs', () => {
    const point = interrupted({ quick: true, seed: '5' }, ['tiny-tasks']);
    expect(() => resumeOptions({ quick: true, seed: '5' }, point)).not.toThrow();
    expect(() => resumeOptions({ seed: '6', margin: '1' }, point)).toThrow('was run with --seed 5, --margin 3, but this command gives --seed 6, --margin 1');
    expect(() => resumeOptions({ size: 'default' }, interrupted({ quick: true }, ['sum-range']))).toThrow('--size quick');
    expect(() => resumeOptions({ quick: true }, interrupted({}, ['sum-range']))).toThrow(
      /--size default, --forks 3, --time 20000, --slot 100, --warmup 200, but this command gives --size quick/,
    );
  });

  it('refuses another machine, naming what differs', () => {
    const point = interrupted({}, ['sum-range']);
    expect(() => checkSameMachine(point, describeMachine())).not.toThrow();
    expect(() => checkSameMachine(point, { ...describeMachine(), logicalCores: 64, node: 'v99.0.0' })).toThrow(
      /another machine \(logicalCores \d+ then, 64 now; node v[\d.]+ then, v99\.0\.0 now\)/,
    );
  });

  it('runs what was left, once the same workloads and backends are found again', () => {
    const point = interrupted({}, ['sum-range', 'tiny-tasks']);
    const plan = { workloads: ['io-wait', 'sum-range', 'tiny-tasks'], backends: ['sequential', 'worker-threads'] };
    expect(remainingWorkloads(point, plan)).toEqual(['sum-range', 'tiny-tasks']);
    expect(() => remainingWorkloads(point, { ...plan, backends: ['sequential', 'piscina'] })).toThrow(
      "the backends differ from run.json's run: worker-threads no longer found; piscina found that the run did not have",
    );
  });
});
