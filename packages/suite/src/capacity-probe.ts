// One process of the capacity measurement: waits for "go" on stdin so that all start
// together, runs the sum-range kernel, and says when it is done.
import { sumBelow } from '@parabench/workloads/sum-range';

const rounds = Number(process.argv[2] ?? '20');
sumBelow(1_000_000); // compile the kernel before the clock starts
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  let total = 0;
  for (let i = 0; i < rounds; i++) total += sumBelow(10_000_000);
  process.stdout.write(`done ${total}\n`);
  process.exit(0);
});
