// The live runner end to end in one process: the portal over real HTTP on 127.0.0.1, the reference
// case system over real HTTP, storage faults injected into the case system's fault state, and the
// oracle fed by what the case system's storage answers — never by its receipts.

import { afterEach, describe, expect, it } from 'vitest';
import { ofKind } from '../../harness/ledger/ledger.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { runLive } from '../../harness/live/run-live.js';
import { serveCaseSystem, type RunningCaseSystem } from '../../harness/live/serve-case-system.js';
import type { LiveScenario } from '../../harness/live/live-scenario.js';
import type { AckPolicy } from '../../simulators/case-system/case-system.js';
import { buildRunReport } from '../../reports/run-report.js';
import { renderers, reportFormats } from '../../reports/renderers.js';
import { isLiveRun } from '../../harness/runner/run-result.js';

const account = { username: 'oslo-fagsystem', password: 'test-only-secret' };
let running: RunningCaseSystem | undefined;
afterEach(async () => { await running?.close(); running = undefined; });

async function incident(ackPolicy: AckPolicy) {
  // One virtual day = 500 ms: 4 days of reports, a database outage on days 0.25–3.5, 2-day retention,
  // a 6-day (3 s) receipt deadline so a slow machine does not turn late receipts into printouts.
  const scenario: LiveScenario = {
    seed: 7,
    msPerVirtualDay: 500,
    portal: { retentionDays: 2, receiptDeadlineMs: 6 * DAY_MS },
    receivers: [{ id: 'oslo', style: 'push', ...account, pushUrl: 'http://127.0.0.1:9/unset', storageCheck: { kind: 'http', lookupUrl: 'http://127.0.0.1:9/unset/{id}' } }],
    workload: { ratePerSecond: 40, durationMs: 2_000, maxMessages: 80 },
    faults: [{ kind: 'db-outage', fromMs: DAY_MS / 4, toMs: 3.5 * DAY_MS }],
    storagePollMs: 1_000,
  };
  return runLive(scenario, {
    onPortalReady: async ({ url }) => {
      running = await serveCaseSystem({ ackPolicy, portalUrl: url, portalCredentials: account, database: { connectTimeoutMs: 150 }, caseSystem: { retries: 1, retryBackoffMs: 50 } });
      return { oslo: { pushUrl: running.pushUrl, storageCheck: { kind: 'http', lookupUrl: running.lookupUrl } } };
    },
    sutFaults: { kinds: ['db-outage', 'db-overload', 'premature-ack', 'case-system-outage'], stateOf: () => (running as RunningCaseSystem).faults },
  });
}

describe('live runner against the reference case system (simulated storage, real HTTP)', () => {
  it('finds silent losses with before-commit receipts and a database outage', async () => {
    const result = await incident('before-commit');
    const { verdict } = result.judgement;
    expect(result.load.ok).toBe(80);
    expect(verdict.counts['lost-silent'], JSON.stringify([verdict.counts, ofKind(result.ledger.entries, 'portal-failed').slice(0, 3), ofKind(result.ledger.entries, 'receipt').slice(0, 3), ofKind(result.ledger.entries, 'send').slice(0, 3)])).toBeGreaterThan(0);
    expect(verdict.counts['in-flight']).toBe(0);
    expect(verdict.valid).toBe(false);
    // Every loss was receipted "mottatt" by the case system, and the storage did not have it while the
    // portal still held it. (A row the probe first read after the purge is dated at that read: a commit
    // entry may follow the purge, never precede it.)
    const lost = new Set(result.judgement.messages.filter((m) => m.fate === 'lost-silent').map((m) => m.msg));
    const receipted = new Set(ofKind(result.ledger.entries, 'receipt').filter((e) => e.receipt === 'mottatt').map((e) => e.msg));
    const purgedAt = new Map(ofKind(result.ledger.entries, 'purge').map((e) => [e.msg, e.t]));
    const committedWhileHeld = new Set(ofKind(result.ledger.entries, 'commit')
      .filter((e) => e.t < (purgedAt.get(e.msg) ?? Number.POSITIVE_INFINITY)).map((e) => e.msg));
    for (const msg of lost) {
      expect(receipted.has(msg)).toBe(true);
      expect(committedWhileHeld.has(msg)).toBe(false);
    }
    // The receipts of lost messages were sent before anything was stored, and the portal saw that.
    expect(ofKind(result.ledger.entries, 'receipt-sent').filter((e) => lost.has(e.msg)).every((e) => !e.committed)).toBe(true);
  });

  it('loses nothing with after-commit receipts under the same outage', async () => {
    const result = await incident('after-commit');
    const { verdict } = result.judgement;
    expect(result.load.ok).toBe(80);
    expect(verdict.counts['lost-silent'] + verdict.counts['lost-detected-late']).toBe(0);
    // The outage did bite: writes failed and the case system asked for redelivery instead of lying.
    expect(ofKind(result.ledger.entries, 'transport').some((e) => e.response === 'nack-requeue')).toBe(true);
    expect(verdict.counts.stored + verdict.counts.fallback).toBe(80);
    expect(verdict.valid).toBe(true);
  });

  it('gives a RunResult that buildRunReport and every renderer take, as a simulated run does', async () => {
    const result = await incident('before-commit');
    expect(isLiveRun(result.config)).toBe(true);
    expect(result.eventsRun).toBeGreaterThan(0);
    const report = buildRunReport({ id: 'live-oslo', title: 'Live: before-commit under a database outage', narrative: 'A live run.', expected: 'fail' }, result,
      { toolVersion: 'test', scenarioHash: 'none', seed: result.config.seed, command: 'kvittering test …' });
    expect(report.verdict.valid).toBe(false);
    expect(report.verdict.asExpected).toBe(true);
    expect(report.verdict.counts['lost-silent']).toBe(result.judgement.verdict.counts['lost-silent']);
    expect(report.horizon.reached).toBe(true);
    expect(report.traceStatus).toBe('shown');
    expect(report.receivers.worst[0]?.id).toBe('oslo');
    // No password or credential of the system under test reaches the report.
    expect(JSON.stringify(report)).not.toContain(account.password);
    for (const format of reportFormats) {
      for (const lang of ['en', 'nb'] as const) {
        const text = renderers[format](report, { lang });
        expect(text.length, `${format}/${lang}`).toBeGreaterThan(200);
        // Every format says, beside the rerun command, that a live run's counts vary.
        if (format !== 'json') expect(text, `${format}/${lang}`).toContain(lang === 'en' ? 'counts vary from run to run' : 'tallene varierer fra kjøring til kjøring');
        expect(text).not.toContain(account.password);
      }
    }
  });
});
