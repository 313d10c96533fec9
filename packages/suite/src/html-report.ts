import { speedupBars } from './bar-chart.js';
import { formatInterval, formatRatio, rowLabel } from './format.js';
import type { MachineInfo } from './machine.js';
import type { SuiteOptions } from './options.js';
import { columnsFor, comparisonLines, workloadNotes } from './report-rows.js';
import type { WorkloadRun } from './results.js';
import type { SuiteResult } from './run-suite.js';
import { escapeXml, lineChart, type Series } from './svg-chart.js';
import { VERDICT_RULE } from './verdict.js';

/** Light and dark from the reader's setting; charts take their colours from the page. */
const STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1d1d1f; --muted: #b8c2cc; --accent: #1f6fd1; --band: #e8f1fc; --ceiling: #c0392b; --rule: #ddd; --failed: #fdecea; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181c; --fg: #e6e6e6; --muted: #4a5563; --accent: #5aa2ff; --band: #1d2a3b; --ceiling: #ff7b6b; --rule: #333; --failed: #3b1f1f; }
}
body { font-family: system-ui, sans-serif; margin: 2rem auto; padding: 0 1rem; max-width: 1100px; background: var(--bg); color: var(--fg); }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { border: 1px solid var(--rule); padding: 0.25rem 0.5rem; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
.table-box { max-width: 100%; overflow-x: auto; }
.verdicts th, .verdicts td { white-space: normal; text-align: left; }
.failed { background: var(--failed); }
figure { margin: 1rem 0; }
svg { max-width: 100%; height: auto; }
svg text { fill: var(--fg); }
svg rect.background { fill: var(--bg); }
svg line { stroke: var(--rule); }
.bars .fill.winner, .bars .fill.tied { fill: var(--accent); }
.bars .fill.other { fill: var(--muted); }
.bars .band { fill: var(--band); }
.bars line.whisker { stroke: var(--fg); stroke-width: 1.5; }
.bars line.loop { stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 3 3; }
.bars line.ceiling { stroke: var(--ceiling); stroke-width: 1.5; stroke-dasharray: 6 4; }
.bars text.failed { fill: var(--ceiling); }
`;

/**
 * One self-contained page (no script, no network), the answer first: the machine, how far the run
 * can be trusted, and a table of the verdicts. Then per workload its verdict, a bar per combination
 * (speed-up with its interval; 1× and the ceiling marked; the fastest and its ties highlighted), a
 * scaling chart where three or more worker counts ran (or, for a sweep, the overhead per item
 * against chunk size), the table, in a box of its own that scrolls, and the notes.
 */
export function renderHtml(machine: MachineInfo, options: SuiteOptions, result: SuiteResult): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>parabench results</title>
<style>${STYLE}</style></head><body>
<h1>parabench results</h1>
<p class="machine">${escapeXml(machine.cpuModel)}: ${machine.physicalCores ?? '?'} physical / ${machine.logicalCores} logical cores, availableParallelism ${machine.availableParallelism}, ${machine.totalMemoryGiB} GiB. Node ${escapeXml(machine.node)}.
Size ${options.size}, seed ${options.seed}, workers ${options.workers.join(', ')}; paired, interleaved rounds (≥ ${options.minRounds} per row, until ±${options.precision}% or ${options.time} ms per workload).</p>
${result.remaining.length > 0 ? `<p class="incomplete"><strong>Incomplete:</strong> ${escapeXml(result.remaining.join(', '))} still to run (<code>parabench --resume</code> with this run's JSON report finishes it).</p>\n` : ''}${trust(result.runs, options.precision)}
${verdictTable(result.runs)}
${result.runs.map((run) => section(run, options.precision)).join('\n')}
</body></html>
`;
}

/** What could make the figures less certain: capacity that moved, intervals still wide, faults, failures. */
function trust(runs: readonly WorkloadRun[], precision: number): string {
  const items: string[] = [];
  const counts = [...new Set(runs.flatMap((run) => run.capacity.map((c) => c.workers)))].filter((n) => n > 1).sort((a, b) => a - b);
  for (const workers of counts) {
    const at = runs.flatMap((run) => run.capacity.filter((c) => c.workers === workers));
    const low = Math.min(...at.map((c) => c.low));
    const high = Math.max(...at.map((c) => c.high));
    items.push(
      `Capacity at ${workers} workers (what ${workers} threads of pure computing got, measured in every round): ${low.toFixed(2)}× to ${high.toFixed(2)}× over the run${high - low > 0.2 * workers ? ': a neighbour’s load came and went, which paired rounds absorb' : ''}.`,
    );
  }
  const rows = runs.flatMap((run) => run.rows.slice(1));
  const wide = rows.filter((row) => row.outOfBudget);
  const faults = rows.filter((row) => row.fault !== undefined);
  const failed = rows.filter((row) => row.status !== 'ok');
  items.push(
    wide.length === 0
      ? `Every row’s interval is within ±${precision}%.`
      : `${wide.length} of ${rows.length} rows still had intervals wider than ±${precision}% when their time ran out (marked ~): read their speed-ups with their intervals.`,
  );
  if (faults.length > 0)
    items.push(
      `${faults.length} row${faults.length === 1 ? '' : 's'} flagged as a measurement fault: ${faults.map((row) => `${row.workload} ${rowLabel(row)}`).join(', ')}.`,
    );
  items.push(
    failed.length === 0
      ? 'Every combination computed what the plain loop computes.'
      : `${failed.length} combination${failed.length === 1 ? '' : 's'} failed or disagreed: see their workloads.`,
  );
  return `<section class="trust"><h2>How far to trust this run</h2><ul>${items.map((item) => `<li>${escapeXml(item)}</li>`).join('')}</ul></section>`;
}

function verdictTable(runs: readonly WorkloadRun[]): string {
  const rows = runs.map((run) => {
    const { winner, tied } = run.verdict;
    const fastest = winner === null ? 'nothing beats the plain loop' : rowLabel(winner, run.sweep !== undefined);
    const speedup = winner === null ? '—' : `${formatRatio(winner.speedup)} ${formatInterval(winner.interval)}`;
    const ties = tied.length === 0 ? '—' : tied.map((entry) => rowLabel(entry, run.sweep !== undefined)).join(', ');
    return `<tr><td><a href="#${escapeXml(run.workload)}">${escapeXml(run.workload)}</a></td><td>${escapeXml(fastest)}</td><td>${escapeXml(speedup)}</td><td>${escapeXml(ties)}</td></tr>`;
  });
  return `<section class="verdicts"><h2>Verdicts</h2><div class="table-box"><table><thead><tr><th>workload</th><th>fastest</th><th>speed-up [95% CI]</th><th>tied with it (or, with no winner, with the loop)</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div><p class="rule">Rule: ${escapeXml(VERDICT_RULE)}.</p></section>`;
}

function section(run: WorkloadRun, precision: number): string {
  const charts = run.sweep === 'chunk-size' ? [sweepChart(run)] : [speedupBars(run), ...scalingChart(run)];
  const columns = columnsFor(run);
  const rows = run.rows
    .map((row) => `<tr${row.status === 'ok' ? '' : ' class="failed"'}>${columns.map((c) => `<td>${escapeXml(c.cell(row, run))}</td>`).join('')}</tr>`)
    .join('\n');
  const items = [...workloadNotes(run, precision), ...comparisonLines(run)].map((line) => `<li>${escapeXml(line)}</li>`).join('');
  return `<section class="workload" id="${escapeXml(run.workload)}" data-workload="${escapeXml(run.workload)}">
<h2>${escapeXml(run.workload)}${run.sweep === 'chunk-size' ? ' — chunk-size sweep' : ''}</h2>
<p>${run.items.toLocaleString('en-US')} items. ${escapeXml(run.description)}</p>
<p class="verdict"><strong>Verdict:</strong> ${escapeXml(run.verdict.text)}</p>
${charts.map((chart) => `<figure>${chart}</figure>`).join('\n')}
<div class="table-box"><table><thead><tr>${columns.map((c) => `<th>${escapeXml(c.head)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table></div>
<ul>${items}</ul>
</section>`;
}

/** Speed-up against worker count, one line per backend plus the capacity: only with three worker counts or more (two points make no curve). */
function scalingChart(run: WorkloadRun): string[] {
  const counts = [...new Set(run.rows.slice(1).map((r) => r.workers))].sort((a, b) => a - b);
  if (counts.length < 3) return [];
  const backends = [...new Set(run.rows.slice(1).map((r) => r.backend))];
  const series: Series[] = backends.map((name) => ({
    name,
    points: run.rows
      .slice(1)
      .filter((r) => r.backend === name && r.speedup !== null)
      .map((r) => ({ x: r.workers, y: r.speedup as number })),
  }));
  series.push({ name: 'capacity', points: run.capacity.map((c) => ({ x: c.workers, y: c.median })), reference: true });
  return [
    lineChart(series, {
      title: `${run.workload}: speed-up against worker count`,
      xLabel: 'workers',
      yLabel: 'speed-up over the plain loop (×)',
      xTicks: counts,
    }),
  ];
}

function sweepChart(run: WorkloadRun): string {
  const rows = run.rows.filter((r) => r.backend !== 'sequential' && typeof r.chunkSize === 'number' && r.overheadPerItemUs !== null);
  const series: Series[] = [
    {
      name: `${rows[0]?.backend ?? 'backend'} × ${rows[0]?.workers ?? '?'}`,
      points: rows.map((r) => ({ x: r.chunkSize as number, y: Math.max(r.overheadPerItemUs as number, 1e-3) })),
    },
  ];
  return lineChart(series, {
    title: `${run.workload}: overhead per item against chunk size`,
    xLabel: 'items per chunk',
    yLabel: 'overhead per item (µs)',
    logX: true,
    logY: true,
  });
}
