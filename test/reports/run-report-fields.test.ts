// The rest of the RunReport, field by field: each check as the oracle gave it (no invented data), the
// horizon in whole ms and whether it was reached, the distributions rounded, the metadata and the
// command copied, and the scenario path and expectation checked before anything is built.

import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../harness/runtime/time.js';
import { buildRunReport } from '../../reports/run-report.js';
import { KvitteringError } from '../../harness/errors.js';
import { handMadeRun, handMeta, handRepro, msg, type HandMade } from './hand-made-run.js';

const build = (o: HandMade = {}) => buildRunReport(handMeta, handMadeRun(o), handRepro);

describe('buildRunReport: fields', () => {
  it('copies each check’s name, result, summary, data and offenders, and adds no data a check did not have', () => {
    const r = build({
      valid: false,
      checks: {
        promise: { valid: false, summary: 'two lost', data: { lost: 2, silent: 1 }, offenders: [3, 4] },
        horizon: { valid: true, summary: 'long enough' },
      },
    });
    expect(r.verdict.checks).toStrictEqual([
      { name: 'promise', valid: false, summary: 'two lost', data: { lost: 2, silent: 1 }, offenders: [3, 4] },
      { name: 'horizon', valid: true, summary: 'long enough', offenders: [] },
    ]);
  });

  it('carries the counts and the total of the judgement', () => {
    const r = build({ messages: [msg('stored', 1, 0), msg('stored', 2, 0), msg('lost-silent', 3, 0), msg('in-flight', 4, 0)] });
    expect(r.verdict.counts).toEqual({ stored: 2, fallback: 0, recovered: 0, 'resent-by-reporter': 0, 'lost-detected-late': 0, 'lost-silent': 1, 'in-flight': 1 });
    expect(r.verdict.total).toBe(4);
  });

  it('rounds both distributions to whole ms, and leaves out the one the oracle did not give', () => {
    const fallbackOnly = build({ timeToFallback: { count: 3, minMs: 1.5, medianMs: 2.4, p95Ms: 3.5, maxMs: 4.6 } });
    expect(fallbackOnly.verdict.timeToFallback).toEqual({ count: 3, minMs: 2, medianMs: 2, p95Ms: 4, maxMs: 5 });
    expect('timeToDetection' in fallbackOnly.verdict).toBe(false);
    const detectionOnly = build({ timeToDetection: { count: 1, minMs: 7.5, medianMs: 7.5, p95Ms: 7.5, maxMs: 7.5 } });
    expect(detectionOnly.verdict.timeToDetection).toEqual({ count: 1, minMs: 8, medianMs: 8, p95Ms: 8, maxMs: 8 });
    expect('timeToFallback' in detectionOnly.verdict).toBe(false);
  });

  it('states the horizon in whole ms, reached when it is at least the required one', () => {
    const r = build({ horizonMs: 20 * DAY_MS + 0.6, requiredHorizonMs: 10 * DAY_MS + 0.4, eventsRun: 42, complete: false, messages: [msg('stored', 1, 0), msg('stored', 2, 5)] });
    expect(r.horizon).toEqual({ horizonMs: 20 * DAY_MS + 1, requiredHorizonMs: 10 * DAY_MS, reached: true, complete: false, eventsRun: 42, ledgerEntries: 2, ledgerKept: true });
    expect(build({ horizonMs: 5 * DAY_MS, requiredHorizonMs: 5 * DAY_MS }).horizon.reached).toBe(true);
    expect(build({ horizonMs: 5 * DAY_MS, requiredHorizonMs: 5 * DAY_MS + 1 }).horizon.reached).toBe(false);
    expect(build({ complete: true }).horizon.complete).toBe(true);
  });

  it('copies the metadata, the reproduction command and the configuration as plain data', () => {
    const result = handMadeRun();
    const r = buildRunReport(handMeta, result, handRepro);
    expect(r.format).toBe('kvittering-run-report');
    expect(r.version).toBe(1);
    expect(r.meta).toEqual(handMeta);
    expect(r.reproducibility).toEqual(handRepro);
    expect(r.config).toEqual(JSON.parse(JSON.stringify(result.config)));
  });

  it('names every receiver of a fault that hit them all as *, by the configuration’s ids', () => {
    const faults = [{ kind: 'db-outage' as const, targets: ['alta', 'bodø'], fromMs: DAY_MS, toMs: 2 * DAY_MS }];
    const r = build({ receivers: ['alta', 'bodø'], faults, keepLedger: false });
    expect(r.timeline.faultWindows).toEqual([{ fault: 'db-outage', fromMs: DAY_MS, toMs: 2 * DAY_MS, event: false, targets: ['*'], targetCount: 2 }]);
  });

  it('accepts each expectation and a relative or missing scenario path', () => {
    for (const expected of ['pass', 'fail', 'unknown'] as const) expect(buildRunReport({ ...handMeta, expected }, handMadeRun(), handRepro).meta.expected).toBe(expected);
    const { file: _file, ...noFile } = handMeta;
    expect(buildRunReport(noFile, handMadeRun(), handRepro).meta.file).toBeUndefined();
    expect(buildRunReport({ ...handMeta, file: 'scenarios/c:/x.yaml' }, handMadeRun(), handRepro).meta.file).toBe('scenarios/c:/x.yaml');
  });

  it('refuses an unknown expectation, naming the field', () => {
    let error: unknown;
    try {
      buildRunReport({ ...handMeta, expected: 'safe' as 'pass' }, handMadeRun(), handRepro);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KvitteringError);
    expect((error as KvitteringError).code).toBe('E_REPORT_FIELD');
    expect((error as KvitteringError).detail).toBe('meta.expected is "safe" — expected one of pass, fail, unknown');
  });

  it('refuses an absolute path of any form, with a hint how to make it relative', () => {
    for (const file of ['/srv/s.yaml', '\\\\server\\share\\s.yaml', 'D:/s.yaml', 'c:\\s.yaml', 'z:/s.yaml']) {
      let error: unknown;
      try {
        buildRunReport({ ...handMeta, file }, handMadeRun(), handRepro);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KvitteringError);
      expect((error as KvitteringError).code).toBe('E_REPORT_FIELD');
      expect((error as KvitteringError).detail).toBe(`meta.file is ${JSON.stringify(file)} — expected a path relative to the project`);
      expect((error as KvitteringError).hint).toBe('pass path.relative(projectRoot, file) so the same run gives the same bytes on every machine');
    }
  });
});
