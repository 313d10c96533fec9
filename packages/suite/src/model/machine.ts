import type { RuntimeInfo } from './runtime.js';

/** The machine a run measured on, as every report's header gives it. */
export interface MachineInfo {
  cpuModel: string;
  /** Physical cores, where the OS tells (Linux /proc/cpuinfo); otherwise null. */
  physicalCores: number | null;
  logicalCores: number;
  /** `os.availableParallelism()`: what Node advises as the number of workers. */
  availableParallelism: number;
  /** CPUs the cgroup lets this process use (its CPU quota ÷ period), or null when there is no quota. */
  cpuQuota: number | null;
  node: string;
  platform: string;
  arch: string;
  totalMemoryGiB: number;
  /** The runtimes the run measured in, with their versions, when they are more than the Node that runs the CLI. */
  runtimes?: Array<Pick<RuntimeInfo, 'name' | 'kind' | 'version'>> | undefined;
}
