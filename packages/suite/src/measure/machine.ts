import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, arch, platform, totalmem } from 'node:os';
import type { MachineInfo, RuntimeInfo } from '../model/index.js';

/** The machine, and the runtimes a run measures in when they are more than the Node that runs it. */
export function describeMachine(runtimes: readonly RuntimeInfo[] = []): MachineInfo {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    physicalCores: countPhysicalCores(),
    logicalCores: cores.length,
    availableParallelism: availableParallelism(),
    cpuQuota: readCpuQuota(),
    node: process.version,
    platform: platform(),
    arch: arch(),
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    ...(runtimes.length > 1 || runtimes.some((runtime) => runtime.binary !== process.execPath)
      ? { runtimes: runtimes.map(({ name, kind, version }) => ({ name, kind, version })) }
      : {}),
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

/** cgroup v2 `cpu.max` ("max 100000" or "200000 100000"), else cgroup v1's quota and period. */
function readCpuQuota(): number | null {
  const read = (file: string): string | undefined => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const v2 = read('/sys/fs/cgroup/cpu.max')?.split(/\s+/);
  if (v2 !== undefined) return v2[0] === 'max' ? null : Number(v2[0]) / Number(v2[1]);
  const quota = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us') ?? -1);
  const period = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_period_us') ?? 0);
  return quota > 0 && period > 0 ? quota / period : null;
}
