import { runChunkTask } from '@parabench/core/worker';

export default runChunkTask;
