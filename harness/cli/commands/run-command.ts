// `kvittering run <scenario|dir>…`: run each scenario on the embedded simulator, write its reports,
// print a table; exit 1 when any verdict differs from the expected one, 130 when interrupted.

import { join, resolve } from 'node:path';
import { reportExtensions, renderers, renderJUnitSuite } from '../../../reports/renderers.js';
import { KvitteringError } from '../../errors.js';
import type { LoadedScenario } from '../../scenario/parse-scenario.js';
import { isInteractive } from '../cli-io.js';
import { exitCodes } from '../cli-options.js';
import type { Command } from '../command-context.js';
import { progressBar } from '../progress-bar.js';
import { formatComparison, formatRunTable, type ScenarioOutcome } from '../run-summary.js';
import { reportPath } from '../../scenario/report-path.js';
import { readScenario, scenarioFiles } from '../scenario-files.js';
import { ScenarioRunner } from '../scenario-runner.js';
import { writeFileAtomic } from '../write-file-atomic.js';

/** The command that reruns one scenario's report to the byte. */
function rerunCommand(file: string | undefined, id: string, seed: number, lang: string): string {
  return `kvittering run ${file ?? `${id}.yaml`} --seed ${seed}${lang === 'en' ? '' : ` --lang ${lang}`}`;
}

function checkUniqueIds(scenarios: readonly LoadedScenario[]): void {
  const seen = new Map<string, string | undefined>();
  for (const s of scenarios) {
    const other = seen.get(s.scenario.id);
    if (seen.has(s.scenario.id)) {
      throw new KvitteringError('E_SCENARIO_FIELD', `${s.file ?? ''}: id is "${s.scenario.id}" — expected an id no other scenario uses (${other ?? 'another file'} has it)`, 'report files are named by id');
    }
    seen.set(s.scenario.id, s.file);
  }
}

const runCommand: Command = async ({ io, options, positionals, version }) => {
  if (positionals.length === 0) throw new KvitteringError('E_CLI_USAGE', 'run needs a scenario file or directory — expected e.g. `kvittering run scenarios`');
  // Read and validate everything first: a typo in the tenth file should not wait for nine runs.
  const scenarios = scenarioFiles(io.cwd, positionals).map((f) => readScenario(io.cwd, f));
  checkUniqueIds(scenarios);
  const out = options.out ?? 'out';
  const outDir = resolve(io.cwd, out);
  const interactive = isInteractive(io);
  const bar = progressBar(io, interactive);
  const runner = new ScenarioRunner();
  let label = '';
  const removeInterrupt = io.onInterrupt(() => {
    if (runner.stopped) return;
    runner.stop();
    bar.done();
    io.stderr('\nInterrupted: stopping the current run; its report will be marked incomplete.\n');
  });
  const ticker = setInterval(() => bar.update(label, runner.progress()), 100);
  const outcomes: ScenarioOutcome[] = [];
  try {
    for (const [i, loaded] of scenarios.entries()) {
      if (runner.stopped) break;
      const { scenario } = loaded;
      const seed = options.seed ?? scenario.seed;
      label = `${i + 1}/${scenarios.length} ${scenario.id}`;
      if (!interactive) io.stderr(`▶ ${scenario.id} (seed ${seed}, ${loaded.file ?? ''})\n`);
      await runner.ready;
      const started = io.wallMs();
      // Stored relative to the scenario's package root, not the cwd: the same run, the same bytes.
      const file = loaded.file === undefined ? undefined : reportPath(io.cwd, resolve(io.cwd, loaded.file));
      const meta = { id: scenario.id, title: scenario.title, narrative: scenario.narrative, expected: scenario.expected, ...(file === undefined ? {} : { file }) };
      const repro = { toolVersion: `kvittering ${version}`, scenarioHash: loaded.hash, seed, command: rerunCommand(file, scenario.id, seed, options.lang) };
      const answer = await runner.run({ kind: 'run', loaded, seed, meta, repro });
      const calibration = answer.report.calibration;
      const outcome: ScenarioOutcome = {
        report: answer.report, wallMs: io.wallMs() - started,
        ...(calibration === undefined ? {} : { comparison: calibration }),
        ...(answer.comparison === undefined ? {} : { byGroup: answer.comparison.byGroup }),
      };
      for (const format of options.formats) {
        writeFileAtomic(join(outDir, `${scenario.id}.${reportExtensions[format]}`), renderers[format](answer.report, { lang: options.lang }));
      }
      outcomes.push(outcome);
    }
  } finally {
    clearInterval(ticker);
    bar.done();
    removeInterrupt();
    await runner.close();
  }
  if (options.formats.includes('junit') && outcomes.length > 1) {
    writeFileAtomic(join(outDir, 'junit.xml'), renderJUnitSuite(outcomes.map((o) => o.report), { lang: options.lang }));
  }
  io.stdout(`\n${formatRunTable(outcomes)}\n`);
  for (const o of outcomes) if (o.comparison !== undefined) io.stdout(`${formatComparison(o.report.meta.id, o.comparison, o.byGroup)}\n`);
  if (outcomes.some((o) => o.comparison !== undefined)) io.stdout('One seed says little: `kvittering calibrate <scenario>` runs the seeds a reference asks for and shows the distribution.\n');
  io.stdout(`Reports (${options.formats.join(', ')}) written to ${out}/\n`);
  if (runner.stopped) {
    io.stdout(`Interrupted after ${outcomes.length} of ${scenarios.length} scenario(s); the last report is marked incomplete.\n`);
    return exitCodes.interrupted;
  }
  const unexpected = outcomes.filter((o) => !o.report.verdict.asExpected || !o.report.horizon.complete);
  if (unexpected.length > 0) {
    io.stdout(`${unexpected.length} scenario(s) did not reach the expected verdict: ${unexpected.map((o) => o.report.meta.id).join(', ')}\n`);
    for (const o of unexpected) io.stdout(`  reproduce: ${o.report.reproducibility.command}\n`);
    return exitCodes.unexpectedVerdict;
  }
  return exitCodes.ok;
};

export { runCommand };
