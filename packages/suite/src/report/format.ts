/** Three significant figures, in ms from 1 ms up (`712 ms`, `41.3 ms`), in µs below (`512 µs`). */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1) return formatMicros(ms * 1000);
  return `${ms >= 100 ? Math.round(ms).toLocaleString('en-US') : ms.toPrecision(3)} ms`;
}

/** Microseconds with three significant figures; below 10 ns it says so. */
export function formatMicros(us: number): string {
  if (Math.abs(us) < 0.01) return '<0.01 µs';
  return `${Math.abs(us) >= 100 ? Math.round(us).toLocaleString('en-US') : us.toPrecision(3)} µs`;
}

export function formatRatio(value: number | null): string {
  if (value === null) return '—';
  return `${value < 0.1 ? value.toPrecision(2) : value.toFixed(2)}×`;
}

/** Integers with separators; arrays as their count and first values; anything else as JSON, cut to `limit`. */
export function formatValue(value: unknown, limit = 80): string {
  if (typeof value === 'number' && Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Array.isArray(value)) {
    const count = `${value.length.toLocaleString('en-US')} value${value.length === 1 ? '' : 's'}`;
    return value.length === 0 ? count : `${count}: ${cut(JSON.stringify(value) ?? '', limit)}`;
  }
  return cut(JSON.stringify(value) ?? String(value), limit);
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** A 95% interval of ratios: `[1.93–2.01]`. */
export function formatInterval(interval: readonly [number, number] | null): string {
  if (interval === null) return '';
  const [low, high] = interval.map((value) => (value < 0.1 ? value.toPrecision(2) : value.toFixed(2)));
  return `[${low}–${high}]`;
}
