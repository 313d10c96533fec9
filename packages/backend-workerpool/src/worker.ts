import workerpool from 'workerpool';
import { runChunkTask } from '@parabench/core/worker';

workerpool.worker({ runChunkTask });
