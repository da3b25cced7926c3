// Refactors and speed-ups must not change what a run reports: every shipped scenario, at its own seed,
// rendered in every format and both languages, hashes to the fingerprint checked in beside this test.
// A change that alters a report on purpose regenerates them (KVITTERING_UPDATE_FINGERPRINTS=1) and
// says in its commit which reports changed and why.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { runScenario } from '../../harness/scenario/run-scenario.js';
import { buildRunReport } from '../../reports/run-report.js';
import { renderers, reportFormats } from '../../reports/renderers.js';

const dir = new URL('../../scenarios/', import.meta.url);
const goldenFile = new URL('./__golden__/report-fingerprints.json', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const update = process.env.KVITTERING_UPDATE_FINGERPRINTS === '1';
const golden = JSON.parse(readFileSync(goldenFile, 'utf8')) as Record<string, Record<string, string>>;
const computed: Record<string, Record<string, string>> = {};

function fingerprints(file: string): Record<string, string> {
  const loaded = parseScenario(readFileSync(new URL(file, dir), 'utf8'), `scenarios/${file}`);
  const run = runScenario(loaded);
  const s = loaded.scenario;
  const report = buildRunReport({ id: s.id, title: s.title, narrative: s.narrative, expected: s.expected, file: `scenarios/${file}` }, run.result,
    { toolVersion: 'kvittering fingerprint', scenarioHash: loaded.hash, seed: run.seed, command: `kvittering run scenarios/${file}` });
  const out: Record<string, string> = {};
  for (const format of reportFormats) {
    for (const lang of ['en', 'nb'] as const) {
      out[`${format}.${lang}`] = createHash('sha256').update(renderers[format](report, { lang })).digest('hex').slice(0, 16);
    }
  }
  return out;
}

describe('report fingerprints of the scenario library', () => {
  it.each(files)('%s renders byte-identically to its checked-in fingerprint', (file) => {
    computed[file] = fingerprints(file);
    if (update) {
      writeFileSync(goldenFile, `${JSON.stringify({ ...golden, ...computed }, null, 2)}\n`);
      return;
    }
    expect(computed[file], `${file}: a report changed; if on purpose, rerun with KVITTERING_UPDATE_FINGERPRINTS=1 and say why in the commit`).toEqual(golden[file]);
  }, 120_000);
});
