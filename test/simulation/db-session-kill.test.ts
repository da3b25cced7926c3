// The db-session-kill event on the simulated database: what the real-server fault driver does with
// pg_terminate_backend / KILL, the model honours too, so one fault plan means the same in both runtimes.

import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Ledger, ofKind } from '../../harness/ledger/ledger.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { SimulatedDatabase, defaultDatabaseConfig } from '../../simulators/database/database.js';
import type { WriteResult } from '../../simulators/database/storage.js';
import { simulate } from '../../harness/runner/simulate.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { HOUR_MS, MINUTE_MS } from '../../harness/runtime/time.js';

describe('db-session-kill (simulated)', () => {
  it('rolls back every write in flight and answers ESOCKET: info while served, fail while queued', () => {
    const clock = new Scheduler();
    const ledger = new Ledger();
    const db = new SimulatedDatabase(0, { ...defaultDatabaseConfig, workers: 1, serviceTimeMeanMs: 1_000 }, clock, new Rng(1), ledger, new FaultState());
    const results: WriteResult[] = [];
    for (const msg of [1, 2, 3]) db.write(msg, (r) => results.push(r), undefined);
    clock.at(1, () => expect(db.killSessions()).toBe(3));
    clock.runUntil(HOUR_MS);
    expect(results.map((r) => (r.ok ? 'ok' : `${r.outcome} ${r.error.code}`))).toEqual(['info ESOCKET', 'fail ESOCKET', 'fail ESOCKET']);
    expect(ofKind(ledger.entries, 'commit')).toHaveLength(0);
    expect(db.storedCount).toBe(0);
    // Later writes work again.
    db.write(4, (r) => results.push(r), undefined);
    clock.runUntil(2 * HOUR_MS);
    expect(results[3]?.ok).toBe(true);
  });

  it('is validated like every event and scheduled from the fault plan', () => {
    const input = (ackPolicy: 'before-commit' | 'after-commit') => resolveSimulation({
      seed: 5,
      portal: { retentionDays: 2 },
      receivers: [{ id: 'bergen', caseSystem: { ackPolicy, processingDelayMs: 0 }, database: { workers: 1, serviceTimeMeanMs: 20 * MINUTE_MS, requestTimeoutMs: 2 * HOUR_MS } }],
      workload: { messages: [0, 1, 2, 3, 4].map((i) => ({ atMs: i * MINUTE_MS, receiver: 'bergen', sender: 'public' as const })) },
      faults: [{ kind: 'db-session-kill', atMs: 10 * MINUTE_MS }],
    });
    expect(() => resolveSimulation({ seed: 1, receivers: [{ id: 'a' }], faults: [{ kind: 'db-session-kill' }] })).toThrow(/faults\[0\]\.atMs/);
    const flawed = simulate(input('before-commit'));
    expect(ofKind(flawed.ledger.entries, 'fault').map((e) => e.fault)).toEqual(['db-session-kill']);
    expect(ofKind(flawed.ledger.entries, 'write-result').filter((e) => e.error === 'ESOCKET').length).toBeGreaterThan(0);
    expect(flawed.judgement.verdict.counts['lost-silent']).toBeGreaterThan(0);
    const fixed = simulate(input('after-commit')).judgement;
    expect(fixed.messages.every((m) => m.fate === 'stored' || m.fate === 'fallback')).toBe(true);
  });
});
