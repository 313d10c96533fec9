import Table from 'cli-table3';
import wrapAnsi from 'wrap-ansi';

/** Eighths of a cell, as mitata and most terminal charts draw them. */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value ÷ scale` of `width` cells, in Unicode block characters (at least a sliver for any positive value). */
export function drawBar(value: number, scale: number, width: number): string {
  if (!(value > 0) || !(scale > 0) || width <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, scale) / scale) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] ?? '');
}

/**
 * The width to fit the output in: the terminal's, else `COLUMNS`; unbounded when the output goes
 * to a file or a pipe with neither, so that each line stays whole for whatever reads it.
 */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  if (stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0) return stream.columns;
  const columns = Number(process.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : Number.POSITIVE_INFINITY;
}

/** Joins a row's name (`worker-threads × 2`) so that no wrap splits it; undone after wrapping. */
const KEEP_TOGETHER = / × /g;
const JOINED = '\u00a0×\u00a0';

// A coloured line starts and ends with escape codes, so the spaces a wrap leaves sit inside them.
const COLOURS = `((?:${String.fromCharCode(27)}\\[[0-9;]*m)*)`;
const LEADING_SPACE = new RegExp(`^${COLOURS}[ \\t]+`);
const TRAILING_SPACE = new RegExp(`[ \\t]+${COLOURS}$`);
const trimStartAnsi = (text: string): string => text.replace(LEADING_SPACE, '$1');
const trimEndAnsi = (text: string): string => text.replace(TRAILING_SPACE, '$1');

/** Wraps each line of `text` to `width` columns (colours kept), indenting the lines a wrap adds. */
export function fitLines(text: string, width: number, indent = '  '): string {
  if (!Number.isFinite(width)) return text;
  const room = Math.max(10, width - indent.length);
  return text
    .split('\n')
    .map((line) =>
      wrapAnsi(line.replace(KEEP_TOGETHER, JOINED), room, { hard: true, trim: false })
        .split('\n')
        .map((part, i) => (i === 0 ? trimEndAnsi(part) : `${indent}${trimStartAnsi(trimEndAnsi(part))}`))
        .join('\n')
        .replaceAll(JOINED, ' × '),
    )
    .join('\n');
}

/** A table for the terminal, in the one style every table there has: Unicode borders, no rules between rows, no colour of its own. */
export function terminalTable(head: readonly string[], colAligns: ReadonlyArray<'left' | 'right' | 'center'>): Table.Table {
  return new Table({
    head: [...head],
    colAligns: [...colAligns],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
}
