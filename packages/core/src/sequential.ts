import { defineBackend, type Backend } from './backend.js';
import { createExecutor } from './executor.js';
import { loadWorkload } from './loader.js';
import { mapItems } from './map-items.js';

/**
 * The reference every other backend is checked against: one plain loop on the main
 * thread, one item after another. Its timing is the baseline of every speed-up.
 */
const sequential: Backend = defineBackend({
  name: 'sequential',
  description: 'The reference: a plain loop on the main thread, one item after another.',
  runsOn: 'main-thread',
  supports: { concurrentMaps: true },
  async start() {
    return createExecutor(sequential, {
      async map({ workloadUrl, items, context, signal }) {
        return mapItems(await loadWorkload(workloadUrl), items, context, { backend: 'sequential', signal });
      },
      close() {},
    });
  },
});

export default sequential;
