import { expose } from 'threads/worker';
import { runSeatedTask } from '@parabench/core/pool';

expose({ runChunkTask: runSeatedTask });
