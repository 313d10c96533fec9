import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('--repeat', () => {
  it('runs the command N times, numbers each JSON report, and says how far the runs agree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parabench-repeat-'));
    const json = join(dir, 'run.json');
    const args = ['--repeat', '2', '--quick', '--workloads', 'sum-range', '--backends', 'worker-threads', '--workers', '2', '--json', json];
    const { code, stdout } = await runCli(args, { env: { ...process.env, COLUMNS: '60' } });
    expect(code).toBe(0);
    for (const run of [1, 2]) {
      const report = JSON.parse(readFileSync(join(dir, `run-${run}.json`), 'utf8'));
      expect(report).toMatchObject({ schemaVersion: 3, complete: true });
    }
    expect(existsSync(json)).toBe(false);
    const agreement = stdout.slice(stdout.indexOf('Agreement over 2 runs of the same command'));
    expect(agreement).toMatch(/^ {2}sum-range: (verdicts agree|VERDICTS DIFFER) \(/m);
    expect(agreement).toMatch(/^ {4}calibration: one run's 95% interval held another\n {6}run's estimate in \d+% \(\d+ of \d+\)/m);
    expect(agreement).toMatch(/^Calibration over every row and ordered pair of runs: \d+%\n {2}\(\d+ of \d+\)/m);
    // At 60 columns the lines wrap, each wrap two spaces inside the line it continues.
    for (const line of agreement.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
});
