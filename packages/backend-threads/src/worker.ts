import { expose } from 'threads/worker';
import { runSeatedTask } from '@parabench/core/worker';

expose({ runChunkTask: runSeatedTask });
