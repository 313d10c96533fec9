// Checks that every relative link in the repository's Markdown files resolves: the file or folder
// exists, and an anchor (`file.md#heading`, `#heading`) names a heading there, slugged as GitHub
// does. Links to other sites are not fetched. Exits 1 listing each broken link, 0 otherwise.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && existsSync(join(root, file)));

const withoutFences = (text) => text.replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
/** The text outside fenced code blocks and inline code, where links are links. */
const prose = (text) => withoutFences(text).replace(/`[^`\n]*`/g, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(file) {
  const seen = new Map();
  const anchors = new Set();
  for (const [, heading] of withoutFences(readFileSync(file, 'utf8')).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const [, id] of readFileSync(file, 'utf8').matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id);
  return anchors;
}

const broken = [];
for (const file of files) {
  const path = join(root, file);
  for (const [, target] of prose(readFileSync(path, 'utf8')).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // another site, or mailto:
    const [link, anchor] = target.split('#');
    const destination = link === '' ? path : resolve(dirname(path), decodeURIComponent(link));
    if (!existsSync(destination)) {
      broken.push(`${file}: ${target} (no ${relative(root, destination)})`);
    } else if (anchor !== undefined && anchor !== '' && statSync(destination).isFile() && destination.endsWith('.md') && !anchorsOf(destination).has(anchor)) {
      broken.push(`${file}: ${target} (no heading #${anchor} in ${relative(root, destination)})`);
    }
  }
}
if (broken.length > 0) {
  console.error(`check-links: ${broken.length} broken link(s):\n${broken.map((line) => `  ${line}`).join('\n')}`);
  process.exit(1);
}
console.log(`check-links: ${files.length} Markdown files, every relative link resolves`);
