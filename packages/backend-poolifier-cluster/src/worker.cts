// CommonJS on purpose. poolifier's cluster pool sends its first message as soon as the process
// is online; an ES module worker attaches its listener only once its imports have loaded, misses
// that message, and the pool waits forever. A CommonJS entry attaches it synchronously; the
// ES module runtime loads while the pool gets ready, and is awaited by the first task.
import poolifier = require('poolifier');
import type { SeatedTask, TaskOutcome } from '@parabench/core/worker' with { 'resolution-mode': 'import' };

const runtime = import('@parabench/core/worker');

// A child whose parent died (SIGKILL) sees its IPC channel close: it leaves too.
process.once('disconnect', () => process.exit(0));

export = new poolifier.ClusterWorker<SeatedTask, TaskOutcome>(async (task) => (await runtime).runSeatedTask(task as SeatedTask));
