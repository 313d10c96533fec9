import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { missingNeeds } from '@parabench/core';
import { renderList } from '../report/list.js';
import { loadCatalog, type Catalog } from './catalog.js';
import { resolveOptions, type RawOptions } from './options.js';
import { watchParent } from './parent-watch.js';
import { EXIT, program } from './program.js';
import { loadResumePoint, resumeOptions } from './resume.js';
import { runMeasurements } from './run-command.js';
import { SIGNAL_EXIT, SUPERVISED_ENV, superviseRun } from './supervisor.js';

/**
 * Ctrl-C or a kill ends the run at once with 128 + the signal, as shells expect. Installed
 * before any backend is loaded: some (threads.js) add handlers of their own that exit with 0.
 * Worker threads end with the process; cluster children leave when their IPC channel closes.
 */
function exitOnSignals(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      process.stderr.write(`\nparabench: interrupted by ${signal}\n`);
      process.exit(code);
    });
  }
}

/** The whole command: parse, then supervise a measuring process, or be one, or list. Resolves to the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  // The measuring process (see superviseRun) leaves on signals, and with its supervisor.
  const supervised = process.env[SUPERVISED_ENV] === '1';
  if (supervised) {
    exitOnSignals();
    process.on('disconnect', () => process.exit(SIGNAL_EXIT.SIGTERM));
    watchParent();
  }
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  const raw = program.opts<RawOptions & { list?: boolean; resume?: string }>();
  const resume = raw.resume === undefined ? undefined : loadResumePoint(raw.resume);
  const options = resume === undefined ? resolveOptions(raw) : resumeOptions(raw, resume);
  if (raw.list !== true && !supervised) return superviseRun(argv, options);
  const catalog = await loadCatalog([process.cwd(), fileURLToPath(new URL('../..', import.meta.url))]);
  for (const warning of catalog.warnings) process.stderr.write(`parabench: ${warning}\n`);
  if (raw.list === true) {
    process.stdout.write(listCatalog(catalog));
    return EXIT.ok;
  }
  return (await runMeasurements(catalog, options, resume)) ? EXIT.ok : EXIT.failed;
}

function listCatalog(catalog: Catalog): string {
  return renderList(
    [...catalog.workloads.values()].map(({ definition }) => ({ name: definition.name, description: definition.description })),
    [...catalog.backends.values()].map(({ backend }) => ({ name: backend.name, description: backend.description, needs: missingNeeds(backend) })),
  );
}
