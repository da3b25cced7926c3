// `kvittering test <system.yaml>`: test a real case system live and write its reports. Exit 0 PASS,
// 1 FAIL, 2 bad input, 3 UNKNOWN (a fault not applied, a storage read that failed, a system that never
// became ready) — an unknown is never 0.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { reportExtensions, renderers } from '../../../reports/renderers.js';
import { KvitteringError } from '../../errors.js';
import { DAY_MS } from '../../runtime/time.js';
import { requiredHorizonMs } from '../../runner/horizon.js';
import { parseSystemProfile, type SystemProfile } from '../../system-test/load-system-profile.js';
import { testSystem } from '../../system-test/test-system.js';
import { systemTestReport } from '../../system-test/system-test-report.js';
import { isInteractive } from '../cli-io.js';
import { exitCodes } from '../cli-options.js';
import type { Command } from '../command-context.js';
import { progressBar } from '../progress-bar.js';
import { writeFileAtomic } from '../write-file-atomic.js';

/** Roughly how long the run takes on the wall: the workload, then the run's horizon after its last report. */
function expectedWallMs(p: SystemProfile): number {
  const virtualMs = requiredHorizonMs(p, 0, p.faults);
  return p.workload.durationMs + (virtualMs / DAY_MS) * p.msPerVirtualDay;
}

function readProfile(cwd: string, file: string, env: Readonly<Record<string, string | undefined>>): SystemProfile {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new KvitteringError('E_PROFILE_FILE', `${JSON.stringify(file)} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}) — expected a system profile (system.yaml)`);
  }
  const profile = parseSystemProfile(text, resolve(cwd, file), env);
  return profile;
}

const testCommand: Command = async ({ io, options, positionals, version }) => {
  if (positionals.length !== 1) throw new KvitteringError('E_CLI_USAGE', `test needs exactly one system profile — expected e.g. \`kvittering test examples/black-box/careful-archive/system.yaml\` (got ${positionals.length})`);
  const file = positionals[0] as string;
  const profile = readProfile(io.cwd, file, io.env);
  const out = options.out ?? 'out';
  const interactive = isInteractive(io);
  const bar = progressBar(io, interactive);
  const seed = options.seed ?? profile.seed;
  const total = expectedWallMs(profile);
  const started = io.wallMs();
  const ticker = setInterval(() => bar.update(`${profile.title} (live)`, (io.wallMs() - started) / total), 200);
  const abort = new AbortController();
  const removeInterrupt = io.onInterrupt(() => {
    bar.done();
    io.stderr('\nInterrupted: stopping the system and the run; the report will be marked incomplete.\n');
    abort.abort();
  });
  if (!interactive) io.stderr(`▶ ${profile.title} (${file}, seed ${seed}, about ${Math.ceil(total / 1000)} s)\n`);
  let result;
  try {
    result = await testSystem(profile, {
      seed, signal: abort.signal,
      log: (line) => {
        if (options.verbose || (!interactive && !line.startsWith('system │'))) {
          bar.done();
          io.stderr(`  ${line}\n`);
        }
      },
    });
  } finally {
    clearInterval(ticker);
    bar.done();
    removeInterrupt();
  }
  const report = systemTestReport(result, { cwd: io.cwd, version, lang: options.lang });
  const outDir = resolve(io.cwd, out);
  for (const format of options.formats) writeFileAtomic(join(outDir, `${report.meta.id}.${reportExtensions[format]}`), renderers[format](report, { lang: options.lang }));
  const c = report.verdict.counts;
  io.stdout(`\n${result.outcome.toUpperCase()}  ${profile.title}\n`);
  io.stdout(`  ${report.verdict.total} reports: ${c.stored} stored, ${c.fallback} printed, ${c.recovered} recovered, ${c['lost-silent']} lost silently, ${c['lost-detected-late']} lost (found late), ${c['in-flight']} unsettled\n`);
  io.stdout(`  faults applied: ${result.applied.length}${result.failures.length === 0 ? '' : `, not applied: ${result.failures.length}`}; system restarts: ${result.restarts}; ${Math.round((io.wallMs() - started) / 100) / 10} s\n`);
  for (const reason of result.reasons) io.stdout(`  • ${reason}\n`);
  if (report.trace !== undefined) io.stdout(`  trace of the first lost report (${report.trace.msg}) is in the reports\n`);
  io.stdout(`Reports (${options.formats.join(', ')}) written to ${out}/\n  reproduce: ${report.reproducibility.command}\n`);
  if (abort.signal.aborted) return exitCodes.interrupted;
  return result.outcome === 'pass' ? exitCodes.ok : result.outcome === 'fail' ? exitCodes.unexpectedVerdict : exitCodes.unknown;
};

export { testCommand };
