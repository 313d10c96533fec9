import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { InvalidOptionsError, missingNeeds } from '@parabench/core';
import { renderList } from '../report/list.js';
import { loadCatalog, type Catalog } from './catalog.js';
import { resolveOptions, type RawOptions } from './options.js';
import { EXIT, program } from './program.js';
import { loadResumePoint, resumeOptions } from './resume.js';
import { runRepeatedly } from './repeat.js';
import { runMeasurements } from './run-command.js';
import { exitOnSignals } from './signals.js';

/** The whole command: parse, then list or measure. Resolves to the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  exitOnSignals();
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  const raw = program.opts<RawOptions & { list?: boolean; resume?: string }>();
  const resume = raw.resume === undefined ? undefined : loadResumePoint(raw.resume);
  const options = resume === undefined ? resolveOptions(raw) : resumeOptions(raw, resume);
  const catalog = await loadCatalog([process.cwd(), fileURLToPath(new URL('../..', import.meta.url))]);
  for (const warning of catalog.warnings) process.stderr.write(`parabench: ${warning}\n`);
  if (raw.list === true) {
    process.stdout.write(listCatalog(catalog));
    return EXIT.ok;
  }
  if (options.repeat > 1) {
    if (resume !== undefined) throw new InvalidOptionsError('--repeat starts new runs: it cannot --resume one');
    return (await runRepeatedly(catalog, options)) ? EXIT.ok : EXIT.failed;
  }
  return (await runMeasurements(catalog, options, resume)).ok ? EXIT.ok : EXIT.failed;
}

function listCatalog(catalog: Catalog): string {
  return renderList(
    [...catalog.workloads.values()].map(({ definition }) => ({ name: definition.name, description: definition.description })),
    [...catalog.backends.values()].map(({ backend }) => ({ name: backend.name, description: backend.description, needs: missingNeeds(backend) })),
  );
}
