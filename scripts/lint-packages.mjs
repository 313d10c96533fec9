#!/usr/bin/env node
// Packs every package under packages/ and checks each tarball, as it would be published, with
// publint (package.json and files) and arethetypeswrong (types resolve for ESM consumers).
// Exits 1 on any problem, suggestions included.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

const destination = mkdtempSync(join(tmpdir(), 'parabench-lint-'));
try {
  if (!run('pnpm', ['--filter', './packages/*', '-r', 'pack', '--pack-destination', destination])) process.exit(1);
  const tarballs = readdirSync(destination)
    .filter((file) => file.endsWith('.tgz'))
    .sort();
  let problems = 0;
  for (const file of tarballs) {
    const bytes = readFileSync(join(destination, file));
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion', strict: true });
    for (const message of messages) console.error(`${file}: publint ${message.type}: ${formatMessage(message, pkg) ?? message.code}`);
    problems += messages.length;
    const attw = ['exec', 'attw', join(destination, file), '--profile', 'esm-only'];
    // Quiet when all is well; on a problem, run again to show it.
    if (!run('pnpm', [...attw, '--quiet']) && !run('pnpm', attw)) problems++;
  }
  console.log(`${tarballs.length} packages checked, ${problems} problem${problems === 1 ? '' : 's'}`);
  process.exitCode = problems === 0 && tarballs.length > 0 ? 0 : 1;
} finally {
  rmSync(destination, { recursive: true, force: true });
}
