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
      '--workloads',
      'sum-range,io-wait',
      '--backends',
      BACKENDS.join(','),
      '--json',
      file('run.json'),
      '--markdown',
      file('run.md'),
      '--html',
      file('run.html'),
    ]);
  });

  it('writes all three files and says where', () => {
    expect(first.code).toBe(0);
    for (const [kind, name] of [
      ['JSON', 'run.json'],
      ['Markdown', 'run.md'],
      ['HTML', 'run.html'],
    ]) {
      expect(first.stdout).toContain(`${kind} written to ${file(name!)}`);
    }
  });

  it("writes a versioned JSON report with verdicts, capacity per workload and every row's fields", () => {
    const report = JSON.parse(readFileSync(file('run.json'), 'utf8'));
    expect(report.schemaVersion).toBe(3);
    for (const workload of report.workloads)
      expect(workload).toMatchObject({ forks: expect.any(Number), rounds: expect.any(Number), inputDigest: expect.stringMatching(/^[0-9a-f]{16}$/) });
    for (const verdict of report.verdicts) expect(verdict).toMatchObject({ margin: 0.03, equivalent: expect.any(Array), undecided: expect.any(Array) });
    expect(report.workloads.map((w: { workload: string }) => w.workload)).toEqual(['sum-range', 'io-wait']);
    expect(report.verdicts.map((v: { workload: string }) => v.workload)).toEqual(['sum-range', 'io-wait']);
    for (const row of report.results) {
      for (const field of [
        'firstMapMs',
        'p50Ms',
        'p99Ms',
        'speedupInterval',
        'efficiency',
        'ceiling',
        'overheadPerItemUs',
        'chunkSize',
        'cpuMs',
        'cpuRatio',
        'peakRssMb',
        'forks',
        'rounds',
        'standing',
      ]) {
        expect(row).toHaveProperty(field);
      }
    }
  });

  it('writes Markdown with the verdicts first, then per workload its verdict, table and hyperfine-style lines', () => {
    const markdown = readFileSync(file('run.md'), 'utf8');
    expect(markdown).toMatch(/^## Verdicts\n\n- \*\*sum-range\*\*: .+\n- \*\*io-wait\*\*: .+\n\nRule: /m);
    expect(markdown).toMatch(/^## sum-range\n\n.+\n\n\*\*Verdict:\*\* /m);
    expect(markdown).toMatch(/^## io-wait$/m);
    // Compact tables, ready for a pull-request comment: the columns a person decides by, and a bar.
    expect(markdown).toMatch(/^\| combination \| speed-up \[95% CI\] \| bar \(0–[\d.]+×\) \| standing \| forks\/rounds \| CPU × \| start-up \| agrees \|$/m);
    expect(markdown).toMatch(/^\| worker-threads × 2 \| [\d.]+× \[[\d.]+–[\d.]+\] \| █*[▏▎▍▌▋▊▉]? \| [^|]+ \| \d+\/\d+ \| [\d.]+× \| .+ \| ✓ \|$/m);
    expect(markdown).toMatch(/^- worker-threads × \d+ ran \d+\.\d\d \[\d+\.\d\d–\d+\.\d\d\] times (faster|slower) than the plain loop$/m);
  });

  it.skipIf(noBrowser)('writes one self-contained page that a person can read in Chromium at 1280×800, in light and dark', async () => {
    const html = readFileSync(file('run.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const report = JSON.parse(readFileSync(file('run.json'), 'utf8')) as { verdicts: Array<{ workload: string; text: string }> };
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(pathToFileURL(file('run.html')).href);
      // The answer first: a verdict table before any workload's section.
      expect(await page.locator('section.verdicts tbody tr').count()).toBe(2);
      for (const { workload, text } of report.verdicts) {
        const section = page.locator(`section[data-workload="${workload}"]`);
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as rendered, which is what a reader sees
        expect(await section.locator('p.verdict').innerText()).toBe(`Verdict: ${text}`);
        expect(await section.locator('p.verdict').isVisible()).toBe(true);
        // One bar per combination (the loop is the 1× line), and no scaling chart for two worker counts.
        const bars = section.locator('svg.bars g.bar');
        expect(await bars.count()).toBe(BACKENDS.length * 2);
        expect(await section.locator('svg.bars line.loop').count()).toBe(1);
        expect(await section.locator('svg.bars line.ceiling').count()).toBe(1);
        expect(await section.locator('svg:not(.bars)').count()).toBe(0);
        const box = await section.locator('svg.bars').boundingBox();
        expect(box !== null && box.width > 300 && box.height > 100).toBe(true);
      }
      // Nothing wider than the window: tables scroll in their own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      const shot = await page.locator('section.workload svg.bars').first().screenshot();
      writeFileSync(file('bars.png'), shot);
      expect(shot.byteLength).toBeGreaterThan(3000);
      const dark = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
      await dark.goto(pathToFileURL(file('run.html')).href);
      const background = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).not.toBe('rgb(255, 255, 255)');
    } finally {
      await browser.close();
    }
  });

  it('compares a run with a saved one, row by row', async () => {
    const args = ['--quick', '--workloads', 'sum-range', '--backends', 'worker-threads'];
    const { code, stdout } = await runCli([...args, '--compare', file('run.json'), '--markdown', file('compared.md')]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Compared with ${file('run.json')}`);
    expect(stdout).toMatch(/│ sum-range\s+│ worker-threads × 2\s+│\s+[\d.]+× │\s+[\d.]+× │ (same|faster|slower) \([\d.]+×\)\s+│/);
    const markdown = readFileSync(file('compared.md'), 'utf8');
    expect(markdown).toMatch(
      /^## Compared with a baseline\n\nCompared with .+\n\n\| workload \| combination \| baseline \| now \| change \|\n\| --- \| --- \| ---: \| ---: \| --- \|\n(\| .+\n)*\| sum-range \| worker-threads × 2 \| /m,
    );
  });

  it('refuses a baseline that measured other inputs, naming the difference, and states another machine above the table', async () => {
    const quick = await runCli(['--quick', '--workloads', 'sum-range', '--backends', 'worker-threads', '--compare', file('run.json'), '--size', 'default']);
    expect(quick.code).toBe(2);
    expect(quick.stderr).toContain(`--compare: ${file('run.json')} measured something else: --size quick then, default now. Compare runs of the same inputs.`);
    expect(quick.stdout).toBe('');
    const report = JSON.parse(readFileSync(file('run.json'), 'utf8'));
    const elsewhere = {
      ...report,
      machine: { ...report.machine, node: 'v99.0.0' },
      workloads: report.workloads.map((w: object) => ({ ...w, inputDigest: '0123456789abcdef' })),
    };
    writeFileSync(file('other-input.json'), JSON.stringify(elsewhere));
    const changed = await runCli(['--quick', '--workloads', 'sum-range', '--backends', 'worker-threads', '--compare', file('other-input.json')]);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/measured something else: sum-range's input differs \(digest 0123456789abcdef then, [0-9a-f]{16} now\)/);
    writeFileSync(file('other-node.json'), JSON.stringify({ ...elsewhere, workloads: report.workloads }));
    const compared = await runCli(['--quick', '--workloads', 'sum-range', '--backends', 'worker-threads', '--compare', file('other-node.json')]);
    expect(compared.code, compared.output).toBe(0);
    expect(compared.stdout).toContain(`The baseline ran elsewhere: node v99.0.0 then, ${process.version} now`);
  });

  it('says clearly that a baseline of the older schema cannot be compared, and what to do', async () => {
    writeFileSync(file('old.json'), JSON.stringify({ schemaVersion: 1, results: [] }));
    const { code, stderr } = await runCli(['--quick', '--compare', file('old.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `--compare: ${file('old.json')} is a parabench report of schemaVersion 1; this version reads schemaVersion 2 to 3. Run the baseline again with this version to compare.`,
    );
  });

  it('refuses a baseline that is not a parabench report, before running anything', async () => {
    writeFileSync(file('bad.json'), '{"hello": 1}');
    const { code, stderr, stdout } = await runCli(['--quick', '--compare', file('bad.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is not a parabench JSON report of schemaVersion 2 to 3/);
    expect(stdout).not.toMatch(/Verdict/);
  });
});
