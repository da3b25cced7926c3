// `kvittering calibrate <scenario>`: a scenario that quotes source figures (`reference`) run over many
// seeds (reference.seeds, default 10, from the file's seed on), each figure's simulated median and
// 10–90 % band beside the real value and its source — printed, and written into every report format
// of the first seed's run.

import { join, resolve } from 'node:path';
import { reportExtensions, renderers, renderJUnitSuite } from '../../../reports/renderers.js';
import { KvitteringError } from '../../errors.js';
import { calibrate } from '../../scenario/calibration.js';
import type { ReferenceComparison } from '../../scenario/compare-reference.js';
import { exitCodes } from '../cli-options.js';
import type { Command } from '../command-context.js';
import { formatComparison } from '../run-summary.js';
import type { RunReport } from '../../../reports/run-report.js';
import { reportPath } from '../../scenario/report-path.js';
import { readScenario, scenarioFiles } from '../scenario-files.js';
import { runInTurn } from '../run-in-turn.js';
import { writeFileAtomic } from '../write-file-atomic.js';

const DEFAULT_SEEDS = 10;

const calibrateCommand: Command = async ({ io, options, positionals, version }) => {
  const files = positionals.length === 0 ? [] : scenarioFiles(io.cwd, positionals);
  if (files.length !== 1) throw new KvitteringError('E_CLI_USAGE', `calibrate takes one scenario file, got ${files.length} — expected e.g. \`kvittering calibrate scenarios/national-rollout.yaml\``);
  const loaded = readScenario(io.cwd, files[0] as string);
  const { scenario } = loaded;
  if (scenario.reference === undefined) {
    throw new KvitteringError('E_CLI_USAGE', `${loaded.file ?? ''}: reference is missing — expected a scenario that quotes source figures (reference.figures) to calibrate against`);
  }
  const file = loaded.file === undefined ? undefined : reportPath(io.cwd, resolve(io.cwd, loaded.file));
  const first = options.seed ?? scenario.seed;
  const seeds = Array.from({ length: scenario.reference.seeds ?? DEFAULT_SEEDS }, (_, k) => first + k);
  const comparisons: ReferenceComparison[] = [];
  let report: RunReport | undefined;
  const { done, stopped } = await runInTurn(io, `calibrate ${scenario.id}`, seeds, async (runner, seed, k, interactive) => {
    if (!interactive) io.stderr(`▶ ${scenario.id} seed ${seed} (${k + 1}/${seeds.length})\n`);
    const command = `kvittering calibrate ${file ?? `${scenario.id}.yaml`}${options.seed === undefined ? '' : ` --seed ${first}`}${options.lang === 'en' ? '' : ` --lang ${options.lang}`}`;
    const answer = await runner.run({
      kind: 'run', loaded, seed,
      meta: { id: scenario.id, title: scenario.title, narrative: scenario.narrative, expected: scenario.expected, ...(file === undefined ? {} : { file }) },
      repro: { toolVersion: `kvittering ${version}`, scenarioHash: loaded.hash, seed, command },
    });
    if (!answer.report.horizon.complete || answer.comparison === undefined) return false;
    comparisons.push(answer.comparison);
    report ??= answer.report;
    return true;
  });
  if (stopped || report === undefined || comparisons.length !== seeds.length) {
    io.stdout(`Interrupted after ${done} of ${seeds.length} seed(s); nothing written.\n`);
    return exitCodes.interrupted;
  }
  const calibration = calibrate(seeds, comparisons);
  const calibrated: RunReport = { ...report, calibration };
  const out = options.out ?? 'out';
  const outDir = resolve(io.cwd, out);
  for (const format of options.formats) {
    const text = format === 'junit' ? renderJUnitSuite([calibrated], { lang: options.lang }) : renderers[format](calibrated, { lang: options.lang });
    writeFileAtomic(join(outDir, `${scenario.id}.calibration.${reportExtensions[format]}`), text);
  }
  io.stdout(`\n${formatComparison(scenario.id, calibration, comparisons[0]?.byGroup ?? [])}\n`);
  const missed = calibration.rows.filter((r) => r.withinTolerance === false).length;
  io.stdout(`${missed === 0 ? 'Every targeted figure is within its tolerance.' : `${missed} figure(s) outside their tolerance (marked OUTSIDE).`}\n`);
  io.stdout(`Reports (${options.formats.join(', ')}) with the calibration written to ${out}/${scenario.id}.calibration.*\n`);
  return exitCodes.ok;
};

export { calibrateCommand };
