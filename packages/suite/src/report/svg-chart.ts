/** One line of a chart. */
export interface Series {
  name: string;
  points: Array<{ x: number; y: number }>;
  /** Drawn dashed and grey: a guide line (the machine's capacity), not a backend. */
  guide?: boolean;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Logarithmic axes, for values that span orders of magnitude (chunk sizes, overheads). */
  logX?: boolean;
  logY?: boolean;
  /** Ticks on the x axis at exactly these values (worker counts), instead of round steps. */
  xTicks?: number[];
}

const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { top: 36, right: 170, bottom: 48, left: 64 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#bcbd22'];

/**
 * A line chart as standalone SVG: axes with ticks, one polyline with points per series, a legend.
 * Each series is a `<g class="series" data-series="NAME">`, so a test can count what was drawn.
 */
export function lineChart(series: readonly Series[], options: ChartOptions): string {
  const points = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const scaleX = axis(
    points.map((p) => p.x),
    MARGIN.left,
    WIDTH - MARGIN.right,
    options.logX === true,
  );
  if (options.xTicks !== undefined) scaleX.ticks = options.xTicks;
  const scaleY = axis(
    [0, ...points.map((p) => p.y)].filter((y) => options.logY !== true || y > 0),
    HEIGHT - MARGIN.bottom,
    MARGIN.top,
    options.logY === true,
  );
  let colour = 0;
  const lines = series.map((s) => {
    const stroke = s.guide === true ? '#888' : (COLOURS[colour++ % COLOURS.length] ?? '#000');
    const drawn = s.points.filter((p) => Number.isFinite(scaleX.at(p.x)) && Number.isFinite(scaleY.at(p.y)));
    const path = drawn.map((p) => `${scaleX.at(p.x).toFixed(1)},${scaleY.at(p.y).toFixed(1)}`).join(' ');
    const dots =
      s.guide === true
        ? ''
        : drawn.map((p) => `<circle cx="${scaleX.at(p.x).toFixed(1)}" cy="${scaleY.at(p.y).toFixed(1)}" r="3.5" fill="${stroke}"/>`).join('');
    const dash = s.guide === true ? ' stroke-dasharray="6 4"' : '';
    return {
      name: s.name,
      stroke,
      dash,
      svg: `<g class="series" data-series="${escapeXml(s.name)}"><polyline fill="none" stroke="${stroke}" stroke-width="2"${dash} points="${path}"/>${dots}</g>`,
    };
  });
  const legend = lines
    .map((line, i) => {
      const y = MARGIN.top + 10 + i * 20;
      const x = WIDTH - MARGIN.right + 16;
      return `<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${line.stroke}" stroke-width="2"${line.dash}/><text x="${x + 28}" y="${y + 4}">${escapeXml(line.name)}</text>`;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(options.title)}" font-family="sans-serif" font-size="12">`,
    `<rect class="background" width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`,
    ticks(scaleX, 'x', options.logX === true),
    ticks(scaleY, 'y', options.logY === true),
    `<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(16 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
    ...lines.map((line) => line.svg),
    legend,
    '</svg>',
  ].join('');
}

interface Scale {
  at(value: number): number;
  ticks: number[];
}

function axis(values: readonly number[], from: number, to: number, log: boolean): Scale {
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  const rawMin = usable.length > 0 ? Math.min(...usable) : 0;
  const rawMax = usable.length > 0 ? Math.max(...usable) : 1;
  if (log) {
    const lo = Math.floor(Math.log10(rawMin));
    const hi = Math.max(lo + 1, Math.ceil(Math.log10(rawMax)));
    const at = (v: number): number => (v > 0 ? from + ((Math.log10(v) - lo) / (hi - lo)) * (to - from) : Number.NaN);
    return { at, ticks: Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i)) };
  }
  const max = rawMax > rawMin ? rawMax * 1.08 : rawMin + 1;
  const min = Math.min(0, rawMin);
  const step = niceStep((max - min) / 5);
  const at = (v: number): number => from + ((v - min) / (max - min)) * (to - from);
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(Number(t.toPrecision(12)));
  return { at, ticks };
}

function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
}

function ticks(scale: Scale, direction: 'x' | 'y', log: boolean): string {
  const label = (v: number): string => (log && v >= 1 ? v.toLocaleString('en-US') : String(v));
  return scale.ticks
    .map((t) => {
      const p = scale.at(t).toFixed(1);
      return direction === 'x'
        ? `<line x1="${p}" y1="${MARGIN.top}" x2="${p}" y2="${HEIGHT - MARGIN.bottom}" stroke="#eee"/><text x="${p}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${label(t)}</text>`
        : `<line x1="${MARGIN.left}" y1="${p}" x2="${WIDTH - MARGIN.right}" y2="${p}" stroke="#eee"/><text x="${MARGIN.left - 8}" y="${p}" text-anchor="end" dominant-baseline="middle">${label(t)}</text>`;
    })
    .join('');
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
