import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, arch, platform, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  /** Physical cores, where the OS tells (Linux /proc/cpuinfo); otherwise null. */
  physicalCores: number | null;
  logicalCores: number;
  /** `os.availableParallelism()`: what Node advises as the number of workers. */
  availableParallelism: number;
  node: string;
  platform: string;
  arch: string;
  totalMemoryGiB: number;
}

export function describeMachine(): MachineInfo {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    physicalCores: countPhysicalCores(),
    logicalCores: cores.length,
    availableParallelism: availableParallelism(),
    node: process.version,
    platform: platform(),
    arch: arch(),
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

/** Distinct (physical id, core id) pairs in /proc/cpuinfo. */
function countPhysicalCores(): number | null {
  let text: string;
  try {
    text = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return null;
  }
  const cores = new Set<string>();
  for (const block of text.split(/\n\s*\n/)) {
    const socket = /^physical id\s*:\s*(\d+)/m.exec(block)?.[1];
    const core = /^core id\s*:\s*(\d+)/m.exec(block)?.[1];
    if (socket !== undefined && core !== undefined) cores.add(`${socket}:${core}`);
  }
  return cores.size > 0 ? cores.size : null;
}
