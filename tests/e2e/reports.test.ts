import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, launchChromium } from '../helpers/browser.js';
import { runCli, type CliResult } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'parabench-reports-'));
const file = (name: string): string => join(dir, name);
const BACKENDS = ['async', 'worker-threads', 'cluster'];
// .ci/run installs Chromium and sets PARABENCH_REQUIRE_BROWSER, so there a missing browser fails the
// test; elsewhere (and outside CI) it is skipped, out loud.
const browserRequired = process.env.PARABENCH_REQUIRE_BROWSER === '1' || process.env.CI !== undefined;
const noBrowser = !hasChromium() && !browserRequired;
if (noBrowser) {
  console.warn(
    `skipping the HTML page test: no Chromium at ${chromiumPath}. Install one to run it: \`sudo apt-get install chromium\` on Debian or Ubuntu, or set PARABENCH_CHROMIUM to a Chromium or Chrome binary.`,
  );
}

describe('reports', () => {
  let first: CliResult;
  beforeAll(async () => {
    first = await runCli([
      '--quick',
      '--workloads', 'sum-range,io-wait',
      '--backends', BACKENDS.join(','),
      '--json', file('run.json'),
      '--markdown', file('run.md'),
      '--html', file('run.html'),
    ]);
  });

  it('writes all three files and says where', () => {
    expect(first.code).toBe(0);
    for (const [kind, name] of [['JSON', 'run.json'], ['Markdown', 'run.md'], ['HTML', 'run.html']]) {
      expect(first.stdout).toContain(`${kind} written to ${file(name!)}`);
    }
  });

  it('writes a versioned JSON report with verdicts, capacity per workload and every row\'s fields', () => {
    const report = JSON.parse(readFileSync(file('run.json'), 'utf8'));
    expect(report.schemaVersion).toBe(2);
    expect(report.workloads.map((w: { workload: string }) => w.workload)).toEqual(['sum-range', 'io-wait']);
    expect(report.verdicts.map((v: { workload: string }) => v.workload)).toEqual(['sum-range', 'io-wait']);
    for (const row of report.results) {
      for (const field of ['firstMapMs', 'p50Ms', 'p99Ms', 'speedupInterval', 'efficiency', 'ceiling', 'overheadPerItemUs', 'chunkSize', 'cpuMs', 'cpuRatio', 'peakRssMb', 'precise', 'outOfBudget']) {
        expect(row).toHaveProperty(field);
      }
    }
  });

  it('writes Markdown with the verdicts first, then per workload its verdict, table and hyperfine-style lines', () => {
    const markdown = readFileSync(file('run.md'), 'utf8');
    expect(markdown).toMatch(/^## Verdicts\n\n- \*\*sum-range\*\*: .+\n- \*\*io-wait\*\*: .+\n\nRule: /m);
    expect(markdown).toMatch(/^## sum-range\n\n.+\n\n\*\*Verdict:\*\* /m);
    expect(markdown).toMatch(/^## io-wait$/m);
    expect(markdown).toMatch(/^\| backend \| runs on \| workers \| chunk size \| time \(median\) \| speed-up \[95% CI\] \|/m);
    expect(markdown).toMatch(/^- worker-threads × \d+ ran \d+\.\d\d \[\d+\.\d\d–\d+\.\d\d\] times (faster|slower) than the plain loop$/m);
  });

  it.skipIf(noBrowser)('writes one self-contained page whose charts render in Chromium, one series per backend plus capacity', async () => {
    const html = readFileSync(file('run.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(pathToFileURL(file('run.html')).href);
      const charts = page.locator('section.workload svg');
      expect(await charts.count()).toBe(2);
      for (const workload of ['sum-range', 'io-wait']) {
        const series = page.locator(`section[data-workload="${workload}"] svg g.series`);
        expect(await series.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-series')))).toEqual([...BACKENDS, 'capacity']);
      }
      const shot = await charts.first().screenshot();
      writeFileSync(file('chart.png'), shot);
      // Not blank: the chart, drawn to a canvas in the page, has plenty of coloured pixels.
      const coloured = await page.evaluate(async () => {
        const svg = document.querySelector('section.workload svg') as SVGSVGElement;
        const image = new Image();
        image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d') as CanvasRenderingContext2D;
        context.drawImage(image, 0, 0);
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let count = 0;
        for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - data[i + 1]!) > 40 || Math.abs(data[i + 1]! - data[i + 2]!) > 40) count++;
        return count;
      });
      expect(coloured).toBeGreaterThan(500);
      expect(shot.byteLength).toBeGreaterThan(5000);
    } finally {
      await browser.close();
    }
  });

  it('compares a run with a saved one, row by row', async () => {
    const { code, stdout } = await runCli(['--quick', '--workloads', 'sum-range', '--backends', 'worker-threads', '--compare', file('run.json')]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Compared with ${file('run.json')}`);
    expect(stdout).toMatch(/sum-range\s+│ worker-threads\s+│\s+2 │ .* │ (same|faster|slower)\s+│/);
  });

  it('says clearly that a baseline of the older schema cannot be compared, and what to do', async () => {
    writeFileSync(file('old.json'), JSON.stringify({ schemaVersion: 1, results: [] }));
    const { code, stderr } = await runCli(['--quick', '--compare', file('old.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--compare: ${file('old.json')} is a parabench report of schemaVersion 1, from before paired rounds; this version reads schemaVersion 2. Run the baseline again with this version to compare.`);
  });

  it('refuses a baseline that is not a parabench report, before running anything', async () => {
    writeFileSync(file('bad.json'), '{"hello": 1}');
    const { code, stderr, stdout } = await runCli(['--quick', '--compare', file('bad.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is not a parabench JSON report of schemaVersion 2/);
    expect(stdout).not.toMatch(/Verdict/);
  });
});
