// One copy of the explore workload in a process of its own, for the bench's machine-ceiling row: two of
// these running the same worlds at once, against one alone, show how far this machine lets two copies of
// the workload scale when they share nothing but the hardware (no heap, no V8 platform, no messages).
//
// A line protocol on stdin/stdout: it warms up, prints READY; told "RUN <from> <to>" it runs those
// worlds on its main thread and prints DONE {"worlds","wallMs","cpuMs"}; it exits when stdin closes.

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { explorePlan, exploreWorld } from '../harness/explore/explore-world.js';
import { parseScenario } from '../harness/scenario/parse-scenario.js';

const [file = '', warmUpFrom = '0', warmUpWorlds = '0'] = process.argv.slice(2);
const loaded = parseScenario(readFileSync(fileURLToPath(new URL(`../../../${file}`, import.meta.url)), 'utf8'), file);
const plan = explorePlan(loaded);
const run = (from: number, to: number) => {
  for (let i = from; i < to; i++) exploreWorld(loaded, plan, 1, i);
};

run(Number(warmUpFrom), Number(warmUpFrom) + Number(warmUpWorlds));
process.stdout.write('READY\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [verb, from, to] = line.split(' ');
  if (verb !== 'RUN') continue;
  const cpu = process.cpuUsage();
  const start = performance.now();
  run(Number(from), Number(to));
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  process.stdout.write(`DONE ${JSON.stringify({ worlds: Number(to) - Number(from), wallMs, cpuMs: (used.user + used.system) / 1000 })}\n`);
}
