// Every scenario in scenarios/ reaches the verdict its file expects, and each tells the story it
// claims (what is lost, what is recovered, and why). Also: the committed JSON Schema is current.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { runScenario, type ScenarioRun } from '../../harness/scenario/run-scenario.js';
import { compareReference } from '../../harness/scenario/compare-reference.js';
import { scenarioJsonSchema } from '../../harness/scenario/scenario-json-schema.js';

const dir = new URL('../../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const runs = new Map<string, ScenarioRun>();
const run = (id: string): ScenarioRun => {
  let r = runs.get(id);
  if (r === undefined) {
    r = runScenario(parseScenario(readFileSync(new URL(`${id}.yaml`, dir), 'utf8'), `scenarios/${id}.yaml`));
    runs.set(id, r);
  }
  return r;
};
const lost = (r: ScenarioRun) => r.result.judgement.verdict.counts['lost-silent'] + r.result.judgement.verdict.counts['lost-detected-late'];

describe('the scenario library', () => {
  it('holds the incident scenarios the issue asks for', () => {
    for (const id of ['npb-2023-before-fix', 'npb-2023-after-fix', 'npb-retention-30', 'npb-daily-reconciliation', 'national-rollout',
      'altinn-confidential-role', 'wrong-service-route', 'notification-flood', 'svarut-manual-download']) {
      expect(files).toContain(`${id}.yaml`);
    }
  });

  it.each(files.map((f) => f.replace(/\.yaml$/, '')))('%s reaches its expected verdict', (id) => {
    const r = run(id);
    expect(r.loaded.scenario.id).toBe(id);
    expect(r.result.complete).toBe(true);
    if (r.loaded.scenario.expected !== 'unknown') expect(r.result.judgement.verdict.counts['in-flight']).toBe(0);
    expect(r.actual).toBe(r.loaded.scenario.expected);
    expect(r.asExpected).toBe(true);
  });
});

describe('what each scenario shows', () => {
  it('npb-2023: the flaw loses reports silently; the fix prints them instead', () => {
    const before = run('npb-2023-before-fix').result.judgement.verdict;
    const after = run('npb-2023-after-fix').result.judgement.verdict;
    expect(before.counts['lost-silent']).toBeGreaterThan(50);
    expect(before.counts.recovered).toBe(0);
    expect(after.total).toBe(before.total);
    expect(after.counts.fallback).toBeGreaterThan(50);
    expect(after.counts['lost-silent'] + after.counts['lost-detected-late']).toBe(0);
  });

  it('npb-retention-30: chases inside 30 days recover some losses that 14 days could not', () => {
    const r14 = run('npb-2023-before-fix').result.judgement.verdict;
    const r30 = run('npb-retention-30').result.judgement.verdict;
    expect(r14.counts.recovered).toBe(0);
    expect(r30.counts.recovered).toBeGreaterThan(0);
    expect(lost(run('npb-retention-30'))).toBeGreaterThan(0);
  });

  it('npb-daily-reconciliation: every loss is caught inside the window and restored', () => {
    const v = run('npb-daily-reconciliation').result.judgement.verdict;
    expect(v.counts.recovered).toBeGreaterThan(50);
    expect(v.timeToDetection?.maxMs).toBeLessThan(2 * 86_400_000);
  });

  it('svarut-manual-download: receipted-but-dropped shipments are found weekly and stored', () => {
    const v = run('svarut-manual-download').result.judgement.verdict;
    expect(v.counts.recovered).toBeGreaterThan(0);
    expect(v.checks.promise?.valid).toBe(true);
  });

  it('altinn-confidential-role: only letters to organisations without the role are lost, unless printed', () => {
    const r = run('altinn-confidential-role');
    const members = new Set(r.groups.find((g) => g.id === 'org-without-role')?.members.map((id) => r.result.config.receivers.findIndex((c) => c.id === id)));
    const lostMessages = r.result.judgement.messages.filter((m) => m.fate === 'lost-silent');
    expect(lostMessages.length).toBeGreaterThan(0);
    expect(lostMessages.every((m) => members.has(m.receiver))).toBe(true);
    const printed = run('altinn-confidential-role-print').result.judgement.verdict.counts.fallback;
    expect(printed).toBe(lostMessages.length);
  });

  it('wrong-service-route and notification-flood lose letters only while the fault lasts', () => {
    for (const id of ['wrong-service-route', 'notification-flood']) {
      const r = run(id);
      const lostTimes = r.result.judgement.messages.filter((m) => m.fate === 'lost-silent').map((m) => m.sentAtMs);
      expect(lostTimes.length).toBeGreaterThan(0);
      expect(Math.min(...lostTimes)).toBeGreaterThanOrEqual(10 * 86_400_000);
    }
  });

  it('horizon-too-short: unsettled fates make the verdict unknown, never a guess', () => {
    const v = run('horizon-too-short').result.judgement.verdict;
    expect(v.counts['in-flight']).toBeGreaterThan(0);
    expect(v.counts['lost-silent']).toBe(0);
    expect(v.checks.horizon?.valid).toBe('unknown');
    expect(v.checks.promise?.valid).toBe('unknown');
  });

  it('national-rollout: the comparison counts what the run judged, figure by figure with its source', () => {
    const r = run('national-rollout');
    const comparison = compareReference(r);
    expect(comparison).toBeDefined();
    const row = (en: string) => comparison?.rows.find((x) => typeof x.figure === 'object' && x.figure.en === en);
    const chainLost = r.result.judgement.messages.filter((m) => ['lost-silent', 'lost-detected-late', 'recovered', 'resent-by-reporter'].includes(m.fate));
    expect(row('municipalities on the integration')).toMatchObject({ real: 242, simulated: 242, source: '002_ef4d86c2bfdfc210.txt, Table 2' });
    expect(row('reports registered lost (receipted, not stored)')?.simulated).toBe(chainLost.length);
    expect(row('municipalities that lost reports')?.simulated).toBe(new Set(chainLost.map((m) => m.receiver)).size);
    expect(row('municipalities that lost reports')?.real).toBe(22);
    expect(row('reports registered lost (receipted, not stored)')?.real).toBe(63);
    // Per-receiver figures hold one value per receiver in scope: the two xl municipalities.
    expect(row('an xl municipality (Bergen): failure log entries 1 Jan 2021 – 31 May 2023')?.samples).toHaveLength(2);
    const cat = comparison?.categories;
    expect((cat?.a ?? 0) + (cat?.b ?? 0) + (cat?.c ?? 0) + (cat?.d ?? 0)).toBe(chainLost.length);
    expect(comparison?.assumptions.length).toBeGreaterThanOrEqual(5);
    const groups = comparison?.byGroup ?? [];
    expect(groups.reduce((n, g) => n + g.members, 0)).toBe(242);
    expect(groups.reduce((n, g) => n + g.affected, 0)).toBe(row('municipalities that lost reports')?.simulated);
    expect(groups.reduce((n, g) => n + g.lost, 0)).toBe(row('reports registered lost (receipted, not stored)')?.simulated);
    // Deadlocks only under load: a good server (no overload windows) at municipal volumes loses nothing.
    const lostIn = (tier: string) => groups.filter((x) => x.group.endsWith(`-${tier}`)).reduce((n, x) => n + x.lost, 0);
    expect(lostIn('good')).toBe(0);
    expect(lostIn('poor') + lostIn('fair')).toBe(chainLost.length);
    // The volume is the portal's quarterly counts times the integration's share (Poisson noise aside).
    const w = r.loaded.scenario.workload;
    const expectedTotal = (w?.periods ?? []).reduce((sum, p) => sum + p.reports, 0) * ((w?.volumeSharePct ?? 100) / 100);
    expect(expectedTotal).toBeGreaterThan(20_000);
    expect(Math.abs(r.result.judgement.verdict.total - expectedTotal)).toBeLessThan(4 * Math.sqrt(expectedTotal));
    expect(r.result.config.keepLedger).toBe(false);
  });

  it('runs the same seed to the same judgement', () => {
    const text = readFileSync(new URL('npb-2023-before-fix.yaml', dir), 'utf8');
    const a = runScenario(parseScenario(text), { seed: 5 }).result.judgement;
    const b = runScenario(parseScenario(text), { seed: 5 }).result.judgement;
    const c = runScenario(parseScenario(text), { seed: 6 }).result.judgement;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });
});

describe('scenarios/kvittering-scenario.schema.json', () => {
  it('is generated from the zod schema (run `npm run schema` after changing it)', () => {
    expect(readFileSync(new URL('kvittering-scenario.schema.json', dir), 'utf8')).toBe(scenarioJsonSchema());
  });
});
