// `kvittering sweep <scenario>`: the scenario over a grid of retention × reconciliation interval ×
// ack policy (flags, or the file's sweep section) ⇒ a table and an SVG heatmap of loss rate and
// time to detection. Each point is one runScenario() with overrides.

import { join, resolve } from 'node:path';
import { renderSweepHeatmap } from '../../../reports/sweep-heatmap.js';
import { KvitteringError } from '../../errors.js';
import { sweepAxes, sweepPoints, type SweepCell, type SweepTable } from '../../scenario/sweep-grid.js';
import { isInteractive } from '../cli-io.js';
import { exitCodes } from '../cli-options.js';
import type { Command } from '../command-context.js';
import { readScenario, scenarioFiles } from '../scenario-files.js';
import { runInTurn } from '../run-in-turn.js';
import { formatSweepTable, sweepMarkdown } from '../sweep-summary.js';
import { writeFileAtomic } from '../write-file-atomic.js';

const sweepCommand: Command = async ({ io, options, positionals }) => {
  const files = positionals.length === 0 ? [] : scenarioFiles(io.cwd, positionals);
  if (files.length !== 1) throw new KvitteringError('E_CLI_USAGE', `sweep takes one scenario file, got ${files.length} — expected e.g. \`kvittering sweep scenarios/npb-2023-before-fix.yaml\``);
  const loaded = readScenario(io.cwd, files[0] as string);
  const { scenario } = loaded;
  const axes = sweepAxes(scenario.sweep, {
    ...(options.retention === undefined ? {} : { retention: options.retention }),
    ...(options.reconciliation === undefined ? {} : { reconciliationInterval: options.reconciliation }),
    ...(options.ackPolicy === undefined ? {} : { ackPolicy: options.ackPolicy }),
  });
  const points = sweepPoints(axes);
  const seed = options.seed ?? scenario.seed;
  const cells: SweepCell[] = [];
  if (!isInteractive(io)) io.stderr(`▶ sweep ${scenario.id} (seed ${seed}): ${points.length} point(s)\n`);
  const { done, stopped } = await runInTurn(io, `sweep ${scenario.id}`, points, async (runner, point) => {
    const answer = await runner.run({ kind: 'cell', loaded, seed, point });
    if (!answer.complete) return false;
    cells.push(answer.cell);
    return true;
  });
  if (stopped) {
    io.stdout(`Interrupted after ${done} of ${points.length} sweep point(s); nothing written.\n`);
    return exitCodes.interrupted;
  }
  const table: SweepTable = { scenarioId: scenario.id, title: scenario.title, seed, axes, cells };
  const out = options.out ?? 'out';
  const base = join(resolve(io.cwd, out), `${scenario.id}.sweep`);
  writeFileAtomic(`${base}.svg`, renderSweepHeatmap(table, { lang: options.lang }));
  writeFileAtomic(`${base}.json`, `${JSON.stringify(table, null, 2)}\n`);
  writeFileAtomic(`${base}.md`, sweepMarkdown(table, `${scenario.id}.sweep.svg`));
  io.stdout(`\n${scenario.id}: ${points.length} point(s), seed ${seed}\n\n${formatSweepTable(table)}\n`);
  io.stdout(`Heatmap, table and data written to ${out}/${scenario.id}.sweep.{svg,md,json}\n`);
  return exitCodes.ok;
};

export { sweepCommand };
