import { InvalidModuleError, messageOf } from './errors.js';
import { assertWorkload, type Workload } from './workload.js';
import { assertBackend, type Backend, type MapRequest } from './backend.js';

const workloads = new Map<string, Promise<Workload>>();

/**
 * Imports a workload module by specifier (a `file:` URL or a package specifier) and checks
 * its default export. For worker-side code: each thread or process calls it once per
 * specifier; later calls return the cached module.
 */
export function loadWorkload(specifier: string): Promise<Workload> {
  let loaded = workloads.get(specifier);
  if (loaded === undefined) {
    loaded = importDefault(specifier).then((value) => {
      assertWorkload(value, specifier);
      return value;
    });
    // A failed import is not cached: the next call tries again and reports afresh.
    loaded.catch(() => workloads.delete(specifier));
    workloads.set(specifier, loaded);
  }
  return loaded;
}

/** Imports a backend module by specifier and checks its default export. */
export async function loadBackend(specifier: string): Promise<Backend> {
  const value = await importDefault(specifier);
  assertBackend(value, specifier);
  return value;
}

async function importDefault(specifier: string): Promise<unknown> {
  let module: Record<string, unknown>;
  try {
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidModuleError(specifier, `cannot be imported: ${messageOf(error)}`, { cause: error });
  }
  if (!('default' in module)) throw new InvalidModuleError(specifier, 'has no default export');
  return module.default;
}

/** The name of a request's workload: as given, or learnt by importing its module here (once: imports are cached). */
export async function workloadNameOf(request: Pick<MapRequest, 'workloadUrl' | 'workloadName'>): Promise<string> {
  return request.workloadName ?? (await loadWorkload(request.workloadUrl)).name;
}
