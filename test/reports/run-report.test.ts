// The RunReport is a faithful distillation: its numbers add up to the oracle's, its timeline to the
// ledger's, and without a kept ledger it says what it cannot show instead of inventing it.

import { describe, expect, it } from 'vitest';
import { fates } from '../../harness/oracle/fates.js';
import { ofKind } from '../../harness/ledger/ledger.js';
import { simulate } from '../../harness/runner/simulate.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { buildRunReport } from '../../reports/run-report.js';
import { windowsFromPlan, mergeWindows } from '../../reports/timeline.js';
import { fixtureMeta, fixtureReport, fixtureResult } from './fixture.js';

const repro = { toolVersion: '0.1.0', scenarioHash: 'sha256:test', seed: 8, command: 'npx kvittering run x --seed 8' };

describe('buildRunReport', () => {
  const result = fixtureResult();
  const report = buildRunReport(fixtureMeta, result, repro);

  it('carries the oracle’s verdict and counts, and compares it with the expectation', () => {
    expect(report.verdict.counts).toEqual(result.judgement.verdict.counts);
    expect(report.verdict.total).toBe(result.judgement.messages.length);
    expect(report.verdict.valid).toBe(false);
    expect(report.verdict.asExpected).toBe(true);
    expect(buildRunReport({ ...fixtureMeta, expected: 'pass' }, result, repro).verdict.asExpected).toBe(false);
    expect(report.verdict.checks.map((c) => c.name)).toEqual(['promise', 'duplicates', 'horizon']);
  });

  it('buckets every send, fate and write failure exactly once', () => {
    const b = report.timeline.buckets;
    expect(b.reduce((a, x) => a + x.sends, 0)).toBe(report.verdict.total);
    for (const f of fates) expect(b.reduce((a, x) => a + x.fates[f], 0)).toBe(report.verdict.counts[f]);
    const writes = ofKind(result.ledger.entries, 'write-result');
    expect(b.reduce((a, x) => a + x.writeFailures, 0)).toBe(writes.filter((w) => w.outcome === 'fail').length);
    expect(b.reduce((a, x) => a + x.writeUnknown, 0)).toBe(writes.filter((w) => w.outcome === 'info').length);
    expect(b.reduce((a, x) => a + x.writeFailures + x.writeUnknown, 0)).toBeGreaterThan(0);
  });

  it('shows the fault windows the ledger recorded, the same as the plan expands to', () => {
    const backups = report.timeline.faultWindows.filter((w) => w.fault === 'backup-spike');
    expect(backups).toHaveLength(4);
    expect(backups[0]).toMatchObject({ fromMs: 3_600_000, toMs: 14_400_000, event: false, targets: ['*'], targetCount: 5 });
    expect(report.timeline.faultWindows.filter((w) => w.fault === 'db-outage').map((w) => [w.targets, w.targetCount])).toEqual([[['kristiansand'], 1], [['ulvik'], 1], [['odda'], 1]]);
    const fromPlan = mergeWindows(windowsFromPlan(result.config.faults, result.horizonMs), result.config.receivers.map((r) => r.id));
    expect(report.timeline.faultWindows).toEqual(fromPlan);
  });

  it('traces the first lost message, with its purge and a fault around it', () => {
    const lost = result.judgement.messages.filter((m) => m.fate === 'lost-silent' || m.fate === 'lost-detected-late');
    const first = lost.reduce((a, m) => (m.sentAtMs < a.sentAtMs ? m : a));
    expect(report.traceStatus).toBe('shown');
    expect(report.trace?.msg).toBe(first.msg);
    const kinds = report.trace?.entries.map((e) => e.kind) ?? [];
    expect(kinds[0]).toBe('fault');
    expect(kinds).toContain('send');
    expect(kinds).toContain('purge');
    expect(report.trace?.entries.every((e) => Number.isInteger(e.t))).toBe(true);
  });

  it('puts detections on both sides of the retention window', () => {
    const d = report.detection;
    expect(d.retentionMs).toBe(14 * 86_400_000);
    expect(d.bins.reduce((a, x) => a + x.recovered, 0)).toBe(d.inWindow);
    expect(d.bins.reduce((a, x) => a + x.late, 0)).toBe(d.late);
    expect(d.inWindow).toBeGreaterThan(0);
    expect(d.late).toBeGreaterThan(0);
    expect(d.silent).toBe(report.verdict.counts['lost-silent']);
  });

  it('lists the receivers that lost messages, worst first', () => {
    expect(report.receivers.total).toBe(5);
    expect(report.receivers.affected).toBe(report.receivers.worst.length);
    const lost = report.receivers.worst.reduce((a, r) => a + r.lost, 0);
    expect(lost).toBe(report.verdict.counts['lost-silent'] + report.verdict.counts['lost-detected-late']);
  });

  it('is plain data: a JSON round trip changes nothing', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('says what it cannot show when the ledger was not kept, and draws faults from the plan', () => {
    const config = resolveSimulation({ ...fixtureResult().config, keepLedger: false });
    const lean = buildRunReport(fixtureMeta, simulate(config), repro);
    expect(lean.verdict.counts).toEqual(report.verdict.counts);
    expect(lean.traceStatus).toBe('ledger-not-kept');
    expect(lean.trace).toBeUndefined();
    expect(lean.timeline.source).toBe('fault-plan');
    expect(lean.timeline.faultWindows).toEqual(report.timeline.faultWindows);
    expect(lean.timeline.buckets.every((b) => b.writeFailures === 0)).toBe(true);
  });

  it('refuses an absolute scenario path or an unknown expectation, naming the field', () => {
    expect(() => buildRunReport({ ...fixtureMeta, file: '/home/x/s.yaml' }, result, repro)).toThrow(/E_REPORT_FIELD: meta\.file is "\/home\/x\/s\.yaml" — expected a path relative to the project/);
    expect(() => buildRunReport({ ...fixtureMeta, file: 'C:\\s.yaml' }, result, repro)).toThrow(/meta\.file/);
    expect(() => buildRunReport({ ...fixtureMeta, expected: 'safe' as 'pass' }, result, repro)).toThrow(/meta\.expected is "safe" — expected one of pass, fail, unknown/);
  });

  it('reports nothing-failed when nothing was lost', () => {
    const safe = fixtureReport(undefined, undefined, true);
    expect(safe.verdict.counts['lost-silent'] + safe.verdict.counts['lost-detected-late']).toBe(0);
    expect(safe.traceStatus).toBe('nothing-failed');
  });
});
