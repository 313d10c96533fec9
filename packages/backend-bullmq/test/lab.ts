import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The private /24 the lab's hosts live on: the bridge (and Redis) at .1, host i at .(10 + i). */
export const SUBNET = '10.77.31';
export const BRIDGE_ADDRESS = `${SUBNET}.1`;

const agentCli = fileURLToPath(new URL('../dist/agent/cli.js', import.meta.url));
const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Hosts made of Linux network namespaces, each on a veth into one bridge: nothing else is reachable from them. */
export interface Lab {
  hosts: LabHost[];
  /** Takes a host's link down (`up: false`) or brings it back. */
  link(host: LabHost, up: boolean): void;
  /** Kills every agent and removes every namespace, link and bridge it made. Safe to call twice. */
  teardown(): Promise<void>;
}

export interface LabHost {
  name: string;
  namespace: string;
  address: string;
  /** The veth end on the bridge's side, which `link()` takes down. */
  hostLink: string;
  agent?: ChildProcess | undefined;
  /** What its agent printed. */
  output: string;
  /** Starts `parabench-agent` inside the host, with Redis's URL in its environment. */
  startAgent(redisUrl: string, args: readonly string[]): ChildProcess;
}

/** Why a lab cannot be built here, or undefined when it can (root, `ip`, network namespaces). */
export function labUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'they need root, for network namespaces';
  try {
    ip('netns', 'list');
  } catch (error) {
    return `\`ip netns\` does not work here (${(error as Error).message.split('\n')[0]})`;
  }
  return undefined;
}

export function buildLab(count: number): Lab {
  const tag = randomBytes(2).toString('hex');
  const bridge = `pbb${tag}`;
  const hosts: LabHost[] = [];
  let tornDown = false;
  const teardownSync = (): void => {
    for (const host of hosts) {
      host.agent?.kill('SIGKILL');
      // Deleting one end of a veth pair deletes both at once; a namespace's removal frees them only later.
      for (const args of [
        ['link', 'del', host.hostLink],
        ['netns', 'del', host.namespace],
      ]) {
        try {
          ip(...args);
        } catch {}
      }
    }
    try {
      ip('link', 'del', bridge);
    } catch {}
  };
  process.once('exit', teardownSync);
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    ip('addr', 'add', `${BRIDGE_ADDRESS}/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    for (let i = 1; i <= count; i++) {
      const host: LabHost = {
        name: `lab-host-${i}`,
        namespace: `pb-${tag}-${i}`,
        address: `${SUBNET}.${10 + i}`,
        hostLink: `pbh${tag}${i}`,
        output: '',
        startAgent(redisUrl, args) {
          const agent = spawn('ip', ['netns', 'exec', host.namespace, process.execPath, agentCli, '--name', host.name, ...args], {
            env: { ...process.env, PARABENCH_REDIS_URL: redisUrl },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          agent.stdout.setEncoding('utf8').on('data', (text: string) => (host.output += text));
          agent.stderr.setEncoding('utf8').on('data', (text: string) => (host.output += text));
          host.agent = agent;
          return agent;
        },
      };
      hosts.push(host);
      const inner = `pbn${tag}${i}`;
      ip('netns', 'add', host.namespace);
      ip('link', 'add', host.hostLink, 'type', 'veth', 'peer', 'name', inner);
      ip('link', 'set', inner, 'netns', host.namespace);
      ip('link', 'set', host.hostLink, 'master', bridge);
      ip('link', 'set', host.hostLink, 'up');
      ip('-n', host.namespace, 'addr', 'add', `${host.address}/24`, 'dev', inner);
      ip('-n', host.namespace, 'link', 'set', inner, 'up');
      ip('-n', host.namespace, 'link', 'set', 'lo', 'up');
    }
  } catch (error) {
    teardownSync();
    throw error;
  }
  return {
    hosts,
    link: (host, up) => void ip('link', 'set', host.hostLink, up ? 'up' : 'down'),
    async teardown() {
      if (tornDown) return;
      tornDown = true;
      await Promise.all(
        hosts.map(async (host) => {
          const agent = host.agent;
          if (agent === undefined || agent.exitCode !== null || agent.signalCode !== null) return;
          const exited = once(agent, 'exit');
          agent.kill('SIGKILL');
          await exited;
        }),
      );
      teardownSync();
      process.removeListener('exit', teardownSync);
    },
  };
}

/** The namespaces, links and bridges whose names a lab would use: none should outlive it. */
export const labLeftovers = (): string[] =>
  [...ip('netns', 'list').split('\n'), ...ip('-o', 'link').split('\n')].filter((line) => /\bpb-[0-9a-f]{4}-\d|\bpb[bh][0-9a-f]{4}/.test(line));
