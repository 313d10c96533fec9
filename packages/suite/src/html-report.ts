import type { MachineInfo } from './machine.js';
import type { SuiteOptions } from './options.js';
import { columnsFor, comparisonLines, workloadNotes } from './report-rows.js';
import type { WorkloadRun } from './results.js';
import type { SuiteResult } from './run-suite.js';
import { VERDICT_RULE } from './verdict.js';
import { escapeXml as escape, lineChart, type Series } from './svg-chart.js';

/**
 * One self-contained page (no script, no network): every verdict first; then per workload its
 * verdict, a chart of speed-up against worker count for each backend with the machine's capacity
 * as a dashed line (or, for a sweep, the overhead per item against chunk size), the table and the
 * summary lines.
 */
export function renderHtml(machine: MachineInfo, options: SuiteOptions, result: SuiteResult): string {
  const sections = result.runs.map((run) => section(run, options.precision));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>parabench results</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 1100px; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 1rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
.failed { background: #fdecea; }
figure { margin: 1rem 0; }
</style></head><body>
<h1>parabench results</h1>
<p>${escape(machine.cpuModel)}: ${machine.physicalCores ?? '?'} physical / ${machine.logicalCores} logical cores, availableParallelism ${machine.availableParallelism}. Node ${escape(machine.node)}.
Size ${options.size}, seed ${options.seed}, workers ${options.workers.join(', ')}; paired, interleaved rounds (≥ ${options.minRounds} per row, until ±${options.precision}% or ${options.time} ms per workload).</p>
${result.remaining.length > 0 ? `<p class="incomplete"><strong>Incomplete:</strong> ${escape(result.remaining.join(', '))} still to run (<code>parabench --resume</code> with this run's JSON report finishes it).</p>\n` : ''}<section class="verdicts"><h2>Verdicts</h2><ul>
${result.runs.map((run) => `<li><strong>${escape(run.workload)}</strong>: ${escape(run.verdict.text)}</li>`).join('\n')}
</ul><p class="rule">Rule: ${escape(VERDICT_RULE)}.</p></section>
${sections.join('\n')}
</body></html>
`;
}

function section(run: WorkloadRun, precision: number): string {
  const chart = run.sweep === 'chunk-size' ? sweepChart(run) : speedupChart(run);
  const columns = columnsFor(run);
  const rows = run.rows
    .map((row) => `<tr${row.status === 'ok' ? '' : ' class="failed"'}>${columns.map((c) => `<td>${escape(c.cell(row, run))}</td>`).join('')}</tr>`)
    .join('\n');
  const items = [...workloadNotes(run, precision), ...comparisonLines(run)].map((line) => `<li>${escape(line)}</li>`).join('');
  return `<section class="workload" data-workload="${escape(run.workload)}">
<h2>${escape(run.workload)}${run.sweep === 'chunk-size' ? ' — chunk-size sweep' : ''}</h2>
<p>${run.items.toLocaleString('en-US')} items. ${escape(run.description)}</p>
<p class="verdict"><strong>Verdict:</strong> ${escape(run.verdict.text)}</p>
<figure>${chart}</figure>
<table><thead><tr>${columns.map((c) => `<th>${escape(c.head)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
<ul>${items}</ul>
</section>`;
}

/** One series per backend (the reference excluded), plus the capacity measured in the rounds. */
function speedupChart(run: WorkloadRun): string {
  const backends = [...new Set(run.rows.slice(1).map((r) => r.backend))];
  const series: Series[] = backends.map((name) => ({
    name,
    points: run.rows.slice(1).filter((r) => r.backend === name && r.speedup !== null).map((r) => ({ x: r.workers, y: r.speedup as number })),
  }));
  series.push({ name: 'capacity', points: run.capacity.map((c) => ({ x: c.workers, y: c.median })), reference: true });
  return lineChart(series, { title: `${run.workload}: speed-up against worker count`, xLabel: 'workers', yLabel: 'speed-up over the plain loop (×)' });
}

function sweepChart(run: WorkloadRun): string {
  const rows = run.rows.filter((r) => r.backend !== 'sequential' && typeof r.chunkSize === 'number' && r.overheadPerItemUs !== null);
  const series: Series[] = [
    {
      name: `${rows[0]?.backend ?? 'backend'} × ${rows[0]?.workers ?? '?'}`,
      points: rows.map((r) => ({ x: r.chunkSize as number, y: Math.max(r.overheadPerItemUs as number, 1e-3) })),
    },
  ];
  return lineChart(series, { title: `${run.workload}: overhead per item against chunk size`, xLabel: 'items per chunk', yLabel: 'overhead per item (µs)', logX: true, logY: true });
}
