import { ThreadWorker } from 'poolifier';
import { runSeatedTask, type SeatedTask, type TaskOutcome } from '@parabench/core/worker';

export default new ThreadWorker<SeatedTask, TaskOutcome>((task) => runSeatedTask(task as SeatedTask));
