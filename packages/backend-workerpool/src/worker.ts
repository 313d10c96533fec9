import workerpool from 'workerpool';
import { runChunkTask } from '@parabench/core/pool';

workerpool.worker({ runChunkTask });
