import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rateWorkload } from '../src/analysis/rate-workload.js';
import { renderWorkload } from '../src/report/console.js';
import { drawBar, fitLines, terminalWidth } from '../src/report/terminal.js';
import { measurements } from './golden/fixture.js';

describe('terminal output', () => {
  it('draws bars in eighths of a cell, never past the width, a sliver for any positive value', () => {
    expect(drawBar(2, 2, 10)).toBe('██████████');
    expect(drawBar(1, 2, 10)).toBe('█████');
    expect(drawBar(1.0625, 2, 4)).toBe('██▏');
    expect(drawBar(5, 2, 4)).toBe('████');
    expect(drawBar(0.0001, 2, 4)).toBe('▏');
    expect(drawBar(0, 2, 4)).toBe('');
  });

  it('wraps every line to the width, indenting what a wrap adds, and never splits a row name', () => {
    const text = `Verdict: ${'worker-threads × 2 is tied, '.repeat(6)}end.\nshort line`;
    const lines = fitLines(text, 40).split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines.slice(1, -1).every((line) => line.startsWith('  ') && !line.startsWith('   '))).toBe(true);
    expect(lines.at(-1)).toBe('short line');
    expect(lines.join(' ')).not.toMatch(/worker-threads\n|× *$|^ *×/m);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('wraps coloured lines as it wraps plain ones: no space left at either end inside the colour', () => {
    const text = `Verdict: ${'worker-threads × 2 is tied, '.repeat(6)}end.`;
    const dim = (words: string): string => `\u001b[2m${words}\u001b[22m`;
    expect(stripVTControlCharacters(fitLines(dim(text), 40))).toBe(fitLines(text, 40));
    for (const line of fitLines(dim(text), 40).split('\n')) expect(stripVTControlCharacters(line)).not.toMatch(/ $|^ {3}/);
  });

  it('fits the terminal it writes to, else COLUMNS, else nothing (a file or a pipe keeps whole lines)', () => {
    expect(terminalWidth({ isTTY: true, columns: 80 })).toBe(80);
    const saved = process.env.COLUMNS;
    try {
      process.env.COLUMNS = '120';
      expect(terminalWidth({ isTTY: false })).toBe(120);
      delete process.env.COLUMNS;
      expect(terminalWidth({})).toBe(Number.POSITIVE_INFINITY);
      expect(fitLines('a b c', Number.POSITIVE_INFINITY)).toBe('a b c');
    } finally {
      if (saved === undefined) delete process.env.COLUMNS;
      else process.env.COLUMNS = saved;
    }
  });

  it('keeps the compact table inside the width when an interval is very wide: the bar column gives up room, its head shortens', () => {
    const run = rateWorkload(measurements()[0]!);
    const widened = run.rows.map((row, i) =>
      i === 1 && row.figures !== null ? { ...row, figures: { ...row.figures, speedup: { median: 0.58, low: 0.028, high: 11.9 } } } : row,
    );
    for (const width of [100, 96, 92]) {
      const lines = stripVTControlCharacters(renderWorkload({ ...run, rows: widened }, { wide: false, width })).split('\n');
      expect(lines.filter((line) => line.length > width)).toEqual([]);
      expect(lines.join('\n')).toContain('[0.028–11.90]');
    }
  });
});
