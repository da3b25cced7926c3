// ledger.wants(kind): with the entries not kept, kinds no listener folds are never built — and the run
// is otherwise the same: the same count of history entries, the same judgement.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { toSimulationInput } from '../../harness/scenario/to-simulation-input.js';
import { Ledger } from '../../harness/ledger/ledger.js';
import { Oracle, judgeLedger } from '../../harness/oracle/oracle.js';
import { simulate } from '../../harness/runner/simulate.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';

const scenarios = new URL('../../scenarios/', import.meta.url);

describe('ledger.wants', () => {
  it('builds every kind when entries are kept or a listener reads all kinds; only the folded ones otherwise', () => {
    expect(new Ledger(true).wants('write')).toBe(true);
    const folded = new Ledger(false);
    folded.subscribe(() => undefined, Oracle.kinds);
    expect(folded.wants('commit')).toBe(true);
    expect(folded.wants('write')).toBe(false);
    expect(folded.count).toBe(1); // the unbuilt entry still counts as history
    folded.subscribe(() => undefined);
    expect(folded.wants('write')).toBe(true);
  });

  it('tells a listener that names its kinds only those, every listener in the order it subscribed', () => {
    const ledger = new Ledger(false);
    const heard: string[] = [];
    ledger.subscribe((e) => heard.push(`all ${e.kind}`));
    ledger.subscribe((e) => heard.push(`sends ${e.kind}`), ['send', 'send']);
    ledger.subscribe((e) => heard.push(`purges ${e.kind}`), ['purge']);
    ledger.subscribe((e) => heard.push(`late ${e.kind}`));
    ledger.append({ t: 0, kind: 'send', msg: 1, receiver: 0, sender: 'public' });
    ledger.append({ t: 1, kind: 'purge', msg: 1 });
    ledger.append({ t: 2, kind: 'open', msg: 1 });
    expect(heard).toEqual(['all send', 'sends send', 'late send', 'all purge', 'purges purge', 'late purge', 'all open', 'late open']);
    expect(ledger.count).toBe(3);
  });

  it('gives the same history length and judgement whether or not entries are kept', () => {
    const input = {
      seed: 11,
      receivers: [{ id: 'a', caseSystem: { ackPolicy: 'before-commit' as const } }, { id: 'b', style: 'poll' as const }],
      workload: { ratePerDay: 200, durationMs: 5 * DAY_MS },
      faults: [{ kind: 'backup-spike' as const, fromMs: HOUR_MS, toMs: 4 * HOUR_MS, repeatEveryMs: DAY_MS, repeatUntilMs: 5 * DAY_MS, slowdownFactor: 2000, offlineWorkersPct: 100 }],
    };
    const kept = simulate(resolveSimulation({ ...input, keepLedger: true }));
    const folded = simulate(resolveSimulation({ ...input, keepLedger: false }));
    expect(kept.ledger.entries.some((e) => e.kind === 'write')).toBe(true);
    expect(folded.ledger.count).toBe(kept.ledger.count);
    expect(folded.judgement).toEqual(kept.judgement);
    expect(folded.eventsRun).toBe(kept.eventsRun);
  });

  // Exploration judges its worlds with nothing kept (only the minimal world's trace run keeps its
  // ledger), so every shipped scenario must be judged the same both ways.
  it.each(readdirSync(scenarios).filter((f) => f.endsWith('.yaml')))('judges %s the same with its ledger kept or only folded', (name) => {
    const loaded = parseScenario(readFileSync(new URL(name, scenarios), 'utf8'), `scenarios/${name}`);
    const { input } = toSimulationInput(loaded.scenario, loaded.file);
    const kept = simulate(resolveSimulation({ ...input, keepLedger: true }));
    const folded = simulate(resolveSimulation({ ...input, keepLedger: false }));
    expect(folded.judgement).toEqual(kept.judgement);
    expect(folded.ledger.count).toBe(kept.ledger.count);
  });

  it('Oracle.kinds names every kind the oracle reads: judging only those entries changes nothing (re-sends included)', () => {
    // Reporters who chase and are asked to send again (category D): the oracle reads the 'resend' entry.
    const chasers = { publicChasePct: 100, privateChasePct: 100, chaseAfterMs: 3 * DAY_MS, chaseDelayMeanMs: DAY_MS, chaseResendPct: 100 };
    const run = simulate(resolveSimulation({
      seed: 17,
      receivers: [{ id: 'k', caseSystem: { ackPolicy: 'before-commit' as const }, controls: chasers }],
      workload: { ratePerDay: 40, durationMs: 2 * DAY_MS },
      faults: [{ kind: 'db-outage' as const, fromMs: 8 * HOUR_MS, toMs: 20 * HOUR_MS }],
      keepLedger: true,
    }));
    const entries = run.ledger.entries;
    expect(run.judgement.verdict.counts['resent-by-reporter']).toBeGreaterThan(0);
    const folded = new Set<string>(Oracle.kinds);
    const horizonMs = entries.at(-1)?.t ?? 0;
    expect(judgeLedger(entries.filter((e) => folded.has(e.kind)), horizonMs)).toEqual(judgeLedger(entries, horizonMs));
  });
});
