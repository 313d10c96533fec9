/** One entry of `--list`: a name, what it is, and what this machine lacks for it, if anything. */
export interface ListEntry {
  name: string;
  description: string;
  needs?: string | undefined;
}

/** `parabench --list`: the workloads and backends found, with their descriptions. */
export function renderList(workloads: readonly ListEntry[], backends: readonly ListEntry[]): string {
  const section = (title: string, entries: readonly ListEntry[]): string =>
    [
      `${title}:`,
      ...entries.map(({ name, description, needs }) => `  ${name.padEnd(18)} ${needs === undefined ? description : `${description} [needs ${needs}]`}`),
    ].join('\n');
  return `${[section('Workloads', workloads), section('Backends', backends)].join('\n\n')}\n`;
}
