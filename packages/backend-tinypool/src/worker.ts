import { runSeatedTask } from '@parabench/core/worker';

export default runSeatedTask;
