// One horizon for every runtime: the simulated runner, the live runner, the msw portal world and the
// real-incident demo all wait past the last retention window and the last fault, plus the same quiet phase.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { QUIET_MS, requiredHorizonMs, retentionMs } from '../../harness/runner/horizon.js';
import { createPortalWorld } from '../../harness/live/portal-world.js';
import { runSmallWorld } from '../support/small-world.js';
import { receiptDeadlineAt } from '../../simulators/portal/receipt-deadline.js';
import { readImportGraph, repoRootOf } from '../ci/import-graph.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const terms = { receiptDeadlineMs: 2 * DAY_MS, retentionDays: 14 };

describe('the run horizon', () => {
  it('is the last send + receipt deadline + retention, or the end of the last fault window, + a quiet day', () => {
    expect(QUIET_MS).toBe(DAY_MS);
    expect(retentionMs(14)).toBe(14 * DAY_MS);
    expect(requiredHorizonMs(terms, 5 * DAY_MS)).toBe(5 * DAY_MS + 2 * DAY_MS + 14 * DAY_MS + DAY_MS);
    const lateFault = { kind: 'receipt-lost' as const, fromMs: 0, toMs: 40 * DAY_MS, probabilityPct: 10 };
    expect(requiredHorizonMs(terms, 5 * DAY_MS, [lateFault])).toBe(41 * DAY_MS);
  });

  it('is the same in the msw portal world as in simulation, fault windows included', () => {
    const fault = { kind: 'receipt-lost' as const, fromMs: 0, toMs: 60 * DAY_MS, probabilityPct: 50 };
    const world = createPortalWorld({
      seed: 1, baseUrl: 'http://portal.test', faults: [fault],
      receivers: [{ receiver: 'kommune', username: 'u', password: 'p', style: 'poll' }],
    });
    world.submit('kommune');
    // Before: receipt deadline + retention + a day after the send, ignoring the 60-day fault window.
    expect(world.settledAtMs()).toBe(61 * DAY_MS);
    const simulated = runSmallWorld({ faults: [fault] });
    expect(simulated.requiredHorizonMs).toBeGreaterThanOrEqual(60 * DAY_MS + QUIET_MS);
  });

  it('counts the receipt deadline in working days in the msw portal world when the portal has a calendar', () => {
    // Sent on the Wednesday before Easter 2021: Maundy Thursday, Good Friday, the weekend and Easter
    // Monday are no working days, so the 2-working-day deadline falls a week later, not 2 days later.
    const portal = { calendarStart: '2021-03-31', receiptDeadlineWorkingDays: 2 };
    const world = createPortalWorld({
      seed: 1, baseUrl: 'http://portal.test', portal,
      receivers: [{ receiver: 'kommune', username: 'u', password: 'p', style: 'poll' }],
    });
    world.submit('kommune');
    const deadlineMs = receiptDeadlineAt({ ...world.portalConfig }, 0);
    expect(deadlineMs).toBeGreaterThan(5 * DAY_MS);
    expect(world.settledAtMs()).toBe(deadlineMs + retentionMs(14) + QUIET_MS);
    // At the settled instant the report has met its fate: printed at the deadline, purged after retention.
    world.advanceTo(world.settledAtMs());
    expect(world.ledger.entries.filter((e) => e.kind === 'fallback' || e.kind === 'purge').map((e) => e.kind)).toEqual(['fallback', 'purge']);
    expect(world.judge({}).verdict.valid).not.toBe('unknown');
  });

  it('gives the simulated runner a horizon past every fault, so nothing is judged mid-window', () => {
    const r = runSmallWorld({ faults: [{ kind: 'db-outage', fromMs: HOUR_MS, toMs: 50 * DAY_MS }] });
    expect(r.requiredHorizonMs).toBe(50 * DAY_MS + QUIET_MS);
  });

  it('is written once: retention days→ms only in retention.ts, the formula (the last fault) only in horizon.ts', () => {
    const root = repoRootOf(import.meta.url);
    const lines = [...readImportGraph(root).edges.keys()].flatMap((file) =>
      readFileSync(join(root, file), 'utf8').split('\n').map((text, i) => ({ at: `${file}:${i + 1}`, file, text })));
    const daysToMs = lines.filter((l) => /retentionDays\s*\*|\*\s*(?:this\.)?(?:\w+\.)*retentionDays\b/.test(l.text) && l.file !== 'simulators/portal/retention.ts');
    expect(daysToMs.map((l) => l.at)).toEqual([]);
    const horizonFormula = lines.filter((l) => /\blastFaultMs\(/.test(l.text) && !['harness/runner/horizon.ts', 'harness/faults/schedule-faults.ts'].includes(l.file));
    expect(horizonFormula.map((l) => l.at)).toEqual([]);
  });

  it('names every RNG stream in one table, so a seed draws the same numbers for a component in every runtime', () => {
    const root = repoRootOf(import.meta.url);
    const forks = [...readImportGraph(root).edges.keys()]
      .filter((file) => !['harness/runner/horizon.ts', 'harness/runtime/rng.ts'].includes(file))
      .flatMap((file) => readFileSync(join(root, file), 'utf8').split('\n').flatMap((text, i) => (/\.fork\(/.test(text) ? [`${file}:${i + 1}`] : [])));
    expect(forks).toEqual([]);
  });
});
