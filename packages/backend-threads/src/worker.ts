import { expose } from 'threads/worker';
import { runChunkTask } from '@parabench/core/pool';

expose({ runChunkTask });
