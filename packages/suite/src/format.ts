/** Milliseconds with three significant figures: `712 ms`, `41.3 ms`, `0.512 ms`. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 0.1) return '<0.1 ms';
  return `${ms >= 100 ? Math.round(ms).toLocaleString('en-US') : ms.toPrecision(3)} ms`;
}

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)}%`;
}

export function formatRatio(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)}×`;
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
