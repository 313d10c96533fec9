import { runSeatedTask } from '@parabench/core/pool';

export default runSeatedTask;
