import type { MachineInfo, SuiteOptions, SuiteResult, WorkloadResult } from '../model/index.js';
import { speedupBars } from './bar-chart.js';
import { formatInterval, formatRatio } from './format.js';
import { PAGE_STYLE } from './html-style.js';
import { againstTheLoopLines, columnsFor, workloadNotes } from './rows.js';
import { escapeXml, lineChart, type Series } from './svg-chart.js';
import { acrossLines, compatibilityTable } from './runtime-tables.js';
import { formatMargin, manyRuntimes, rowLabel, runFacts, verdictRule, verdictText, workloadTitle } from './wording.js';

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
<style>${PAGE_STYLE}</style></head><body>
<h1>parabench results</h1>
<table class="machine">${runFacts(machine, options)
    .map(([label, text]) => `<tr><th>${label}</th><td>${escapeXml(text)}</td></tr>`)
    .join('')}</table>
${result.remaining.length > 0 ? `<p class="incomplete"><strong>Incomplete:</strong> ${escapeXml(result.remaining.join(', '))} still to run (<code>parabench --resume</code> with this run's JSON report finishes it).</p>\n` : ''}${trust(result.finished)}
${verdictTable(result.finished, options.margin / 100)}
${runtimesSection(result.finished)}${result.finished.map((run) => section(run, manyRuntimes(result.finished))).join('\n')}
</body></html>
`;
}

/** What could make the figures less certain: capacity that moved, intervals still wide, faults, failures. */
function trust(runs: readonly WorkloadResult[]): string {
  const items: string[] = [];
  const counts = [...new Set(runs.flatMap((run) => run.capacity.map((c) => c.workers)))].filter((n) => n > 1).sort((a, b) => a - b);
  for (const workers of counts) {
    const at = runs.flatMap((run) => run.capacity.filter((c) => c.workers === workers));
    const spread = Math.max(...at.map((c) => c.max)) - Math.min(...at.map((c) => c.min));
    items.push(
      `Capacity at ${workers} workers (the cores' worth ${workers} threads of pure computing got, measured in every round): its rounds spread over ${spread.toFixed(2)} of a core over the run${spread > 0.2 * workers ? ': a neighbour’s load came and went, which paired rounds absorb' : ''}.`,
    );
  }
  const rows = runs.flatMap((run) => run.rows.slice(1));
  const faults = rows.filter((row) => row.figures?.fault !== undefined);
  const failed = rows.filter((row) => row.status !== 'ok');
  if (runs.length > 0) {
    const least = Math.min(...runs.map((run) => run.forks));
    const most = Math.max(...runs.map((run) => run.forks));
    items.push(
      `Each workload ran in ${least === most ? least : `${least} to ${most}`} fresh measuring processes (forks); every interval includes the spread between them, not only between rounds.`,
    );
  }
  const open = runs.filter((run) => run.verdict.outcome === 'undecided' || (run.verdict.outcome === 'pays' && run.verdict.undecided.length > 0));
  if (open.length > 0)
    items.push(
      `Undecided in ${open.map((run) => run.workload).join(', ')}: the rounds could not yet tell some rows apart (their verdicts say how much more time would).`,
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

const OUTCOME = { pays: 'pays', 'does-not-pay': 'does not pay', undecided: 'undecided', 'no-answer': 'no answer' } as const;

function verdictTable(runs: readonly WorkloadResult[], margin: number): string {
  const many = manyRuntimes(runs);
  const rows = runs.map((run) => {
    const { verdict } = run;
    const sweep = run.sweep !== undefined;
    const list = (entries: ReadonlyArray<Parameters<typeof rowLabel>[0]>): string =>
      entries.length === 0 ? '—' : entries.map((entry) => rowLabel(entry, sweep)).join(', ');
    const named = verdict.outcome === 'pays' ? verdict.fastest : verdict.outcome === 'no-answer' ? undefined : verdict.best;
    const cells = [
      `<a href="#${escapeXml(many ? `${run.workload}-${run.runtime}` : run.workload)}">${escapeXml(workloadTitle(run, many))}</a>`,
      escapeXml(OUTCOME[verdict.outcome]),
      escapeXml(named === undefined ? '—' : `${rowLabel(named, sweep)}${verdict.outcome === 'pays' ? '' : ' (best)'}`),
      escapeXml(named === undefined ? '—' : `${formatRatio(named.speedup)} ${formatInterval(named.interval)}`),
      escapeXml(verdict.outcome === 'pays' ? list(verdict.equivalent) : '—'),
      escapeXml(verdict.outcome === 'pays' ? list(verdict.undecided) : '—'),
    ];
    return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  return `<section class="verdicts"><h2>Verdicts</h2><div class="table-box"><table><thead><tr><th>workload</th><th>parallelising</th><th>fastest</th><th>speed-up [95% CI]</th><th>equivalent to it (±${escapeXml(formatMargin(margin))})</th><th>undecided against it</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div><p class="rule">Rule: ${escapeXml(verdictRule(margin))}.</p></section>`;
}

/** With several runtimes: the answer across them per workload, and which backend runs where. */
function runtimesSection(runs: readonly WorkloadResult[]): string {
  if (!manyRuntimes(runs)) return '';
  const { runtimes, backends, cell } = compatibilityTable(runs);
  const head = `<tr><th>backend</th>${runtimes.map((runtime) => `<th>${escapeXml(runtime)}</th>`).join('')}</tr>`;
  const body = backends.map(
    (backend) => `<tr><td>${escapeXml(backend)}</td>${runtimes.map((runtime) => `<td>${escapeXml(cell(runtime, backend))}</td>`).join('')}</tr>`,
  );
  return `<section class="runtimes"><h2>Across runtimes</h2><ul>${acrossLines(runs)
    .map((line) => `<li>${escapeXml(line)}</li>`)
    .join('')}</ul><h3>What runs where</h3><div class="table-box"><table class="compatibility"><thead>${head}</thead><tbody>
${body.join('\n')}
</tbody></table></div></section>
`;
}

function section(run: WorkloadResult, withRuntime: boolean): string {
  const charts = run.sweep === 'chunk-size' ? [sweepChart(run)] : [speedupBars(run), ...scalingChart(run)];
  const columns = columnsFor(run);
  const rows = run.rows
    .map((row) => `<tr${row.status === 'ok' ? '' : ' class="failed"'}>${columns.map((c) => `<td>${escapeXml(c.cell(row, run))}</td>`).join('')}</tr>`)
    .join('\n');
  const items = [...workloadNotes(run), ...againstTheLoopLines(run)].map((line) => `<li>${escapeXml(line)}</li>`).join('');
  const id = withRuntime ? `${run.workload}-${run.runtime}` : run.workload;
  return `<section class="workload" id="${escapeXml(id)}" data-workload="${escapeXml(run.workload)}" data-runtime="${escapeXml(run.runtime)}">
<h2>${escapeXml(workloadTitle(run, withRuntime))}${run.sweep === 'chunk-size' ? ' — chunk-size sweep' : ''}</h2>
<p>${run.items.toLocaleString('en-US')} items. ${escapeXml(run.description)}</p>
<p class="verdict"><strong>Verdict:</strong> ${escapeXml(verdictText(run.verdict, run.sweep !== undefined))}</p>
${charts.map((chart) => `<figure>${chart}</figure>`).join('\n')}
<div class="table-box"><table><thead><tr>${columns.map((c) => `<th>${escapeXml(c.head)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table></div>
<ul>${items}</ul>
</section>`;
}

/** Speed-up against worker count, one line per backend plus the capacity: only with three worker counts or more (two points make no curve). */
function scalingChart(run: WorkloadResult): string[] {
  const counts = [...new Set(run.rows.slice(1).map((r) => r.workers))].sort((a, b) => a - b);
  if (counts.length < 3) return [];
  const backends = [...new Set(run.rows.slice(1).map((r) => r.backend))];
  const series: Series[] = backends.map((name) => ({
    name,
    points: run.rows.slice(1).flatMap((r) => (r.backend === name && r.figures !== null ? [{ x: r.workers, y: r.figures.speedup.median }] : [])),
  }));
  series.push({ name: 'capacity', points: run.capacity.map((c) => ({ x: c.workers, y: c.median })), guide: true });
  return [
    lineChart(series, {
      title: `${run.workload}: speed-up against worker count`,
      xLabel: 'workers',
      yLabel: 'speed-up over the plain loop (×)',
      xTicks: counts,
    }),
  ];
}

function sweepChart(run: WorkloadResult): string {
  const points = run.rows.slice(1).flatMap((r) => {
    const overhead = r.figures?.overheadPerItemUs;
    return typeof r.chunkSize === 'number' && overhead != null ? [{ row: r, x: r.chunkSize, y: Math.max(overhead, 1e-3) }] : [];
  });
  const first = points[0]?.row;
  const series: Series[] = [{ name: first === undefined ? 'backend × ?' : rowLabel(first), points: points.map(({ x, y }) => ({ x, y })) }];
  return lineChart(series, {
    title: `${run.workload}: overhead per item against chunk size`,
    xLabel: 'items per chunk',
    yLabel: 'overhead per item (µs)',
    logX: true,
    logY: true,
  });
}
