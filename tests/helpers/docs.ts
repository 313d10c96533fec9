import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

/**
 * The code blocks of a Markdown file that are marked `<!-- example:FILE -->`, by file name:
 * the docs' examples are run exactly as written.
 */
export function docExamples(markdownPath: string): Map<string, string> {
  const text = readFileSync(join(repoRoot, markdownPath), 'utf8');
  const examples = new Map<string, string>();
  for (const match of text.matchAll(/<!-- example:(\S+) -->\s*```\w*\n([\s\S]*?)```/g)) {
    examples.set(match[1] ?? '', match[2] ?? '');
  }
  return examples;
}

/**
 * A project folder outside the repository whose node_modules links the named workspace
 * packages, as if they were installed there.
 */
export function outsideProject(files: Map<string, string>, packages: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'parabench-outside-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'outside', private: true, type: 'module' }));
  for (const name of packages) {
    const target = join(dir, 'node_modules', ...name.split('/'));
    mkdirSync(join(target, '..'), { recursive: true });
    symlinkSync(join(repoRoot, 'packages', name.replace('@parabench/', '')), target, 'dir');
  }
  for (const [file, text] of files) writeFileSync(join(dir, file), text);
  return dir;
}
