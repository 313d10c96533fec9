// Builds the workspace and says nothing unless the build fails: `pnpm bench` then prints only
// parabench's own output (which fits the terminal), not turbo's summary of every package.
import { spawnSync } from 'node:child_process';

const build = spawnSync('pnpm', ['build'], { encoding: 'utf8', shell: process.platform === 'win32' });
if (build.status !== 0) {
  process.stdout.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  process.stderr.write(build.error === undefined ? '' : `${build.error.message}\n`);
  process.exit(build.status ?? 1);
}
