import Table from 'cli-table3';
import pc from 'picocolors';
import { formatMicros, formatMs, formatPercent, formatRatio, formatValue } from './format.js';
import type { MachineInfo } from './machine.js';
import type { SuiteOptions } from './options.js';
import { UNSTABLE_RME, type RowResult } from './results.js';
import type { CapacityMeasurement } from './capacity.js';
import type { SuiteResult, WorkloadRun } from './run-suite.js';

const RUNS_ON_LABEL = { 'main-thread': 'main thread', threads: 'threads', processes: 'processes' } as const;

export function renderHeader(machine: MachineInfo, options: SuiteOptions): string {
  const physical = machine.physicalCores === null ? 'unknown' : String(machine.physicalCores);
  return [
    pc.bold('parabench'),
    `CPU      ${machine.cpuModel}`,
    `cores    ${physical} physical, ${machine.logicalCores} logical, availableParallelism ${machine.availableParallelism}, CPU quota ${machine.cpuQuota === null ? 'none' : machine.cpuQuota.toFixed(2)}`,
    `node     ${machine.node} on ${machine.platform}/${machine.arch}, ${machine.totalMemoryGiB} GiB memory`,
    `run      size ${options.size}, seed ${options.seed}, workers ${options.workers.join(',')}, ≥${options.iterations} maps and ≥${options.time} ms per row`,
    '',
  ].join('\n');
}

/** One line per measurement: what N workers could gain at best on this machine right now. */
export function renderCapacity(measurement: CapacityMeasurement, when: 'before' | 'after'): string {
  const figures = Object.entries(measurement.byWorkers)
    .map(([workers, capacity]) => `${workers} → ${capacity.toFixed(2)}×`)
    .join(', ');
  return `capacity ${figures} (${when} the matrix; N processes of the sum-range kernel against one alone)\n`;
}

/** A warning when the machine changed under the run: the two capacity measurements differ by more than 10%. */
export function renderCapacityDrift({ before, after }: SuiteResult['capacity']): string {
  const drifted = Object.keys(before.byWorkers).filter((workers) => {
    const [b, a] = [before.byWorkers[Number(workers)] ?? 1, after.byWorkers[Number(workers)] ?? 1];
    return Math.abs(a - b) / Math.max(a, b) > 0.1;
  });
  if (drifted.length === 0) return '';
  return pc.yellow(`warning: the machine's capacity changed by more than 10% during the run (at ${drifted.join(', ')} workers): something else was using the CPU, so compare rows with care.\n`);
}

export function renderWorkload(run: WorkloadRun): string {
  const lines = [`${pc.bold(run.workload)}: ${run.items.toLocaleString('en-US')} items. ${run.description}`];
  lines.push(run.sweep === 'chunk-size' ? renderSweepTable(run) : renderMatrixTable(run));
  if (run.reduced !== undefined) lines.push(`Reference result: ${formatValue(run.reduced)}.`);
  if (run.rows.some((row) => row.unstable)) {
    lines.push(pc.yellow(`! unstable: rme above ${UNSTABLE_RME}%. Give it more time (--time), close other programs, or collect garbage between samples (--gc).`));
  }
  if (run.sweep === undefined && run.rows.some((row) => row.runsOn === 'main-thread' && row.backend !== 'sequential')) {
    lines.push(
      pc.dim('Backends on the main thread take turns on one core: CPU-bound work gets no speed-up there (≈1.00×), only work that waits does.'),
    );
  }
  return `${lines.join('\n')}\n`;
}

const TABLE_STYLE = { style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } };

function meanCell(row: RowResult): string {
  if (row.meanMs === null) return '—';
  return `${formatMs(row.meanMs)} ± ${formatPercent(row.rme)}${row.unstable ? pc.yellow(' !') : ''}`;
}

function renderMatrixTable(run: WorkloadRun): string {
  const table = new Table({
    head: ['backend', 'runs on', 'workers', 'mean ± rme', 'p50', 'p99', 'samples', 'start-up', 'speed-up', 'efficiency', 'agrees'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'center'],
    ...TABLE_STYLE,
  });
  for (const row of run.rows) {
    table.push([
      row.backend,
      RUNS_ON_LABEL[row.runsOn],
      String(row.workers),
      meanCell(row),
      formatMs(row.p50Ms),
      formatMs(row.p99Ms),
      String(row.samples),
      formatMs(row.startupMs),
      formatRatio(row.speedup),
      row.efficiency === null ? '—' : row.efficiency.toFixed(2),
      verdict(row),
    ]);
  }
  return table.toString();
}

/** The sweep's table: how the cost per item falls as chunks grow. */
function renderSweepTable(run: WorkloadRun): string {
  const table = new Table({
    head: ['backend', 'workers', 'chunk size', 'messages per map', 'mean ± rme', 'overhead per item', 'speed-up', 'agrees'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'center'],
    ...TABLE_STYLE,
  });
  for (const row of run.rows) {
    const messages = typeof row.chunkSize === 'number' ? Math.ceil(run.items / row.chunkSize).toLocaleString('en-US') : '—';
    table.push([
      row.backend,
      String(row.workers),
      row.chunkSize === null ? '—' : String(row.chunkSize),
      messages,
      meanCell(row),
      row.overheadPerItemUs === null || row.backend === 'sequential' ? '—' : formatMicros(row.overheadPerItemUs),
      formatRatio(row.speedup),
      verdict(row),
    ]);
  }
  return table.toString();
}

function verdict(row: RowResult): string {
  if (row.status === 'ok') return pc.green('✓');
  if (row.status === 'mismatch') return pc.red('✗');
  return pc.red(`error`);
}

/** Which combinations failed, each with its first difference or its error; or one line saying all agreed. */
export function renderSummary(runs: readonly WorkloadRun[]): string {
  const rows = runs.flatMap((run) => run.rows);
  const failed = rows.filter((row) => row.status !== 'ok');
  if (failed.length === 0) return pc.green(`All ${rows.length} combinations agree with the sequential reference.\n`);
  const lines = [pc.red(`${failed.length} of ${rows.length} combinations failed:`)];
  for (const row of failed) {
    const where = `${row.workload} · ${row.backend} × ${row.workers}`;
    if (row.mismatch !== undefined) {
      const { index, path, expected, actual, reason } = row.mismatch;
      const at = index === null ? `at ${path || 'the top level'}` : `at item ${index}${path.replace(/^\[\d+\]/, '')}`;
      lines.push(`  ${where}: results differ ${at} (${reason}): expected ${expected}, got ${actual}`);
    } else if (row.error !== undefined) {
      lines.push(`  ${where}: [${row.error.code}] ${row.error.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
