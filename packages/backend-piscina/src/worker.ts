import { runChunkTask } from '@parabench/core/pool';

export default runChunkTask;
