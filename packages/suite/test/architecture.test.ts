// The suite's folders are its architecture: this checks the rule of who may import whom, and
// that no import cycle exists anywhere in the suite (see packages/suite/README.md, "Map of the suite").
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const FOLDERS = ['command', 'measure', 'analysis', 'report', 'model'] as const;
type Room = (typeof FOLDERS)[number] | 'top';

/** What each folder may not import. The top level (cli, index, run-suite) may import anything. */
const FORBIDDEN: Record<Room, readonly Room[]> = {
  model: ['command', 'measure', 'analysis', 'report', 'top'],
  analysis: ['command', 'measure', 'report', 'top'],
  measure: ['command', 'report', 'top'],
  report: ['command', 'measure', 'top'],
  command: [],
  top: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The suite's own modules that `file` imports (statically, dynamically, or as types). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1] ?? '');
  return specifiers.map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
}

const roomOf = (file: string): Room => {
  const first = relative(src, file).split('/')[0] ?? '';
  return (FOLDERS as readonly string[]).includes(first) ? (first as Room) : 'top';
};

const files = sourceFiles(src);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const name = (file: string): string => relative(src, file);

describe('the suite folders', () => {
  it('has at most six files at its top level, and a README in each folder saying what it owns and may import', () => {
    const top = readdirSync(src).filter((entry) => statSync(join(src, entry)).isFile());
    expect(top.length).toBeLessThanOrEqual(6);
    for (const folder of FOLDERS) expect(existsSync(join(src, folder, 'README.md')), `${folder}/README.md`).toBe(true);
  });

  it('resolves every relative import to a file of the suite', () => {
    const missing = [...graph].flatMap(([file, imports]) => imports.filter((target) => !existsSync(target)).map((target) => `${name(file)} → ${name(target)}`));
    expect(missing).toEqual([]);
  });

  it('keeps the import rule: measure and report import no command, report no measure, analysis none of them, model nothing', () => {
    const broken = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => FORBIDDEN[roomOf(file)].includes(roomOf(target))).map((target) => `${name(file)} → ${name(target)}`),
    );
    expect(broken).toEqual([]);
  });

  it('has no import cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('formats no text in analysis: numbers become words in report', () => {
    const formatting = files
      .filter((file) => roomOf(file) === 'analysis')
      .filter((file) => /\.(toFixed|toPrecision|toLocaleString)\(/.test(readFileSync(file, 'utf8')))
      .map(name);
    expect(formatting).toEqual([]);
  });
});
