// `kvittering replay <report.json>`: rerun a report from its reproducibility block (scenario file,
// hash, seed) and check the new JSON report is byte-identical to the old one (VOPR's promise).

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderers } from '../../../reports/renderers.js';
import type { RunReport } from '../../../reports/run-report.js';
import { KvitteringError } from '../../errors.js';
import { verdictKey } from '../../oracle/checks.js';
import { exitCodes } from '../cli-options.js';
import type { Command } from '../command-context.js';
import { findReportedFile } from '../../scenario/report-path.js';
import { readScenario, readTextFile, showPath } from '../scenario-files.js';
import { ScenarioRunner } from '../scenario-runner.js';
import { writeFileAtomic } from '../write-file-atomic.js';

function readReport(path: string, text: string): RunReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new KvitteringError('E_REPLAY_REPORT', `${path} is not JSON — expected a report written by \`kvittering run --format json\``);
  }
  const report = data as Partial<RunReport>;
  if (report.format !== 'kvittering-run-report' || typeof report.meta?.file !== 'string' || typeof report.reproducibility?.seed !== 'number') {
    throw new KvitteringError('E_REPLAY_REPORT', `${path} has no reproducibility block with a scenario file and seed — expected a kvittering JSON run report`);
  }
  return report as RunReport;
}

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) return `line ${i + 1}:\n  report: ${left[i] ?? '(end)'}\n  replay: ${right[i] ?? '(end)'}`;
  }
  return 'no line differs';
}

const replayCommand: Command = async ({ io, options, positionals, version }) => {
  const path = positionals[0];
  if (path === undefined) throw new KvitteringError('E_CLI_USAGE', 'replay needs a JSON report — expected e.g. `kvittering replay out/npb-2023-before-fix.json`');
  const absolute = resolve(io.cwd, path);
  if (!existsSync(absolute)) throw new KvitteringError('E_CLI_PATH', `${showPath(path)} does not exist — expected a JSON run report`);
  const original = readTextFile(io.cwd, absolute, 'a JSON run report');
  const old = readReport(path, original);
  const file = old.meta.file as string;
  // Stored relative to the scenario's package root (report-path.ts): look from here, then from the roots.
  const { found, looked } = findReportedFile(io.cwd, file);
  if (found === undefined) throw new KvitteringError('E_REPLAY_SCENARIO', `meta.file is "${file}" — expected the scenario file under the working directory, its package root or kvittering's package (looked at ${looked.join(', ')})`, 'run replay inside the project the report was made in');
  const loaded = readScenario(io.cwd, found);
  if (loaded.hash !== old.reproducibility.scenarioHash) {
    throw new KvitteringError('E_REPLAY_SCENARIO', `${file} hashes to ${loaded.hash.slice(0, 12)}… — expected ${old.reproducibility.scenarioHash.slice(0, 12)}… (the scenario changed since the report)`,
      'check out the commit the report was made from');
  }
  const seed = old.reproducibility.seed;
  const { scenario } = loaded;
  const runner = new ScenarioRunner();
  const removeInterrupt = io.onInterrupt(() => runner.stop());
  let replayed: string;
  try {
    const answer = await runner.run({
      kind: 'run', loaded, seed,
      meta: { id: scenario.id, title: scenario.title, narrative: scenario.narrative, expected: scenario.expected, file },
      repro: { toolVersion: `kvittering ${version}`, scenarioHash: loaded.hash, seed, command: old.reproducibility.command },
    });
    replayed = renderers.json(answer.report, { lang: 'en' });
  } finally {
    removeInterrupt();
    await runner.close();
  }
  if (runner.stopped) return exitCodes.interrupted;
  if (replayed === original) {
    io.stdout(`reproduced byte for byte: ${path} (${scenario.id}, seed ${seed}, verdict ${verdictKey(old.verdict.valid)})\n`);
    return exitCodes.ok;
  }
  const target = join(options.out ?? 'out', `${scenario.id}.replay.json`);
  writeFileAtomic(resolve(io.cwd, target), replayed);
  io.stdout(`NOT reproduced: ${path} differs from the replay (written to ${target}) at ${firstDifference(original, replayed)}\n`);
  if (old.reproducibility.toolVersion !== `kvittering ${version}`) io.stdout(`The report was made by ${old.reproducibility.toolVersion}; this is kvittering ${version}.\n`);
  return exitCodes.unexpectedVerdict;
};

export { replayCommand };
