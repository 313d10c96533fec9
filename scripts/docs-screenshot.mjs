// Renders the Markdown and HTML of every run in docs/results again from the JSON it comes from
// (written by `pnpm bench --json`), so that they match the current report code, and photographs
// the default run's page as a reader sees it: Chromium at 1280×800, top of the page.
// Usage: pnpm docs:screenshot   (needs Chromium: Debian's, or PARABENCH_CHROMIUM)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const results = new URL('../docs/results/', import.meta.url);
const { loadReport, renderHtml, renderMarkdown, resultsFromReport } = await import('../packages/suite/dist/index.js');
const reports = new Map();
for (const name of readdirSync(results).filter((file) => file.endsWith('.json'))) {
  const stem = name.slice(0, -'.json'.length);
  const report = loadReport(new URL(name, results).pathname, 'docs:screenshot', `Run pnpm bench --json docs/results/${name} again.`);
  reports.set(stem, report);
  const result = { planned: report.plan, finished: resultsFromReport(report), remaining: report.remaining };
  const options = { ...report.options, workloads: report.options.workloads ?? undefined, backends: report.options.backends ?? undefined };
  writeFileSync(new URL(`${stem}.md`, results), renderMarkdown(report.machine, options, result));
  writeFileSync(new URL(`${stem}.html`, results), renderHtml(report.machine, options, result));
}
const page = new URL('default-2cpu.html', results);
const report = reports.get('default-2cpu');

// playwright-core is the tests' dependency: resolve it from there.
const { chromium } = createRequire(new URL('../tests/package.json', import.meta.url))('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.PARABENCH_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await tab.goto(pathToFileURL(page.pathname).href);
  await tab.screenshot({ path: new URL('default-2cpu.png', results).pathname });
  console.log(
    `rendered ${readFileSync(page, 'utf8').length.toLocaleString('en-US')} bytes of HTML and docs/results/default-2cpu.png from default-2cpu.json (${report.createdAt})`,
  );
} finally {
  await browser.close();
}
