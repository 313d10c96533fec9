import type { RowResult, WorkloadResult } from '../model/index.js';
import { formatInterval, formatRatio } from './format.js';
import { escapeXml } from './svg-chart.js';
import { rowLabel } from './wording.js';

const WIDTH = 760;
const ROW_HEIGHT = 24;
/** The right margin leaves room for the widest value label ("10.00× [10.00–10.00]") after the longest whisker. */
const MARGIN = { top: 30, right: 150, bottom: 40, left: 190 };

/** Where a row stands in the verdict, as the chart colours it: the fastest, equivalent to it, still undecided against it, or neither. */
function standing(row: RowResult): 'winner' | 'tied' | 'open' | 'other' | 'failed' {
  if (row.status !== 'ok') return 'failed';
  return row.standing === 'fastest' ? 'winner' : row.standing === 'equivalent' ? 'tied' : row.standing === 'undecided' ? 'open' : 'other';
}

/**
 * Each combination's paired speed-up as a horizontal bar, fastest first, with its 95% interval as
 * a whisker; a line at 1× (the plain loop) and one at each worker count's ceiling (what the
 * machine could give). The fastest and the combinations equivalent to it share a colour and a band; those still undecided against it are pale.
 * Each bar is a `<g class="bar" data-row="…" data-standing="…">`, so a test can count them.
 */
export function speedupBars(run: WorkloadResult): string {
  const speedupOf = (row: RowResult): number | undefined => row.figures?.speedup.median;
  const rows = run.rows.slice(1).sort((a, b) => (speedupOf(b) ?? -1) - (speedupOf(a) ?? -1));
  const height = MARGIN.top + rows.length * ROW_HEIGHT + MARGIN.bottom;
  const ceilings = new Map<number, number>();
  for (const { workers, figures } of rows) {
    if (figures?.ceiling != null && workers > 1) ceilings.set(workers, Math.max(ceilings.get(workers) ?? 0, figures.ceiling));
  }
  const top = Math.max(1, ...rows.map((row) => row.figures?.speedup.high ?? 0), ...ceilings.values()) * 1.05;
  const x = (value: number): number => MARGIN.left + (Math.max(0, value) / top) * (WIDTH - MARGIN.left - MARGIN.right);
  const bottom = MARGIN.top + rows.length * ROW_HEIGHT;

  const bars = rows.map((row, i) => {
    const y = MARGIN.top + i * ROW_HEIGHT;
    const place = standing(row);
    const label = `<text class="label" x="${MARGIN.left - 8}" y="${y + ROW_HEIGHT / 2}" text-anchor="end" dominant-baseline="middle">${escapeXml(rowLabel(row, run.sweep !== undefined))}</text>`;
    const band = place === 'winner' || place === 'tied' ? `<rect class="band" x="0" y="${y}" width="${WIDTH}" height="${ROW_HEIGHT}"/>` : '';
    if (place === 'failed' || row.status !== 'ok') {
      return `<g class="bar" data-row="${escapeXml(rowLabel(row))}" data-standing="failed">${label}<text class="failed" x="${MARGIN.left + 4}" y="${y + ROW_HEIGHT / 2}" dominant-baseline="middle">failed: ${escapeXml(row.status === 'error' ? row.error.code : 'results differ')}</text></g>`;
    }
    const { median: speedup, low, high } = row.figures.speedup;
    const mid = y + ROW_HEIGHT / 2;
    const whisker = `<line class="whisker" x1="${x(low).toFixed(1)}" y1="${mid}" x2="${x(high).toFixed(1)}" y2="${mid}"/><line class="whisker" x1="${x(low).toFixed(1)}" y1="${mid - 5}" x2="${x(low).toFixed(1)}" y2="${mid + 5}"/><line class="whisker" x1="${x(high).toFixed(1)}" y1="${mid - 5}" x2="${x(high).toFixed(1)}" y2="${mid + 5}"/>`;
    const value = `<text class="value" x="${(x(high) + 6).toFixed(1)}" y="${mid}" dominant-baseline="middle">${formatRatio(speedup)} ${formatInterval([low, high])}</text>`;
    const rect = `<rect class="fill ${place}" x="${MARGIN.left}" y="${y + 4}" width="${Math.max(1, x(speedup) - MARGIN.left).toFixed(1)}" height="${ROW_HEIGHT - 8}"/>`;
    return `<g class="bar" data-row="${escapeXml(rowLabel(row))}" data-standing="${place}">${band}${label}${rect}${whisker}${value}</g>`;
  });

  const marks = [
    `<line class="loop" x1="${x(1).toFixed(1)}" y1="${MARGIN.top - 6}" x2="${x(1).toFixed(1)}" y2="${bottom}"/><text class="mark" x="${x(1).toFixed(1)}" y="${MARGIN.top - 10}" text-anchor="middle">1× the loop</text>`,
    ...[...ceilings].map(
      ([workers, ceiling]) =>
        `<line class="ceiling" x1="${x(ceiling).toFixed(1)}" y1="${MARGIN.top - 6}" x2="${x(ceiling).toFixed(1)}" y2="${bottom}"/><text class="mark" x="${x(ceiling).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">ceiling at ${workers}: ${formatRatio(ceiling)}</text>`,
    ),
  ];
  const legend = `<text class="legend" x="${MARGIN.left}" y="${height - 8}">speed-up over the plain loop, with its 95% interval; highlighted: the fastest and those equivalent to it; pale: undecided against it</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="bars" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(`${run.workload}: speed-up of each combination`)}" font-family="sans-serif" font-size="12">${bars.join('')}${marks.join('')}${legend}</svg>`;
}
