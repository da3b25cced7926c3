// Properties that must fail. Each breaker world must yield a counterexample, shrinking must bring it
// down to one message and one fault, and the counterexample must read as a short trace.

import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import type { World } from '../../harness/arbitraries/world.js';
import { renderTrace } from '../../harness/oracle/trace.js';
import type { Fate } from '../../harness/oracle/fates.js';
import { breakers, storageFaults } from '../support/breaker-worlds.js';
import { failureReport, propertyParameters } from '../support/property.js';
import { explainWorld, judgeWorld, lostCount, lostMessages, runWorld } from '../support/world-run.js';

const noLoss = (world: World) => lostCount(judgeWorld(world)) === 0;

// fc.check runs synchronously, so vitest's timeout cannot stop a shrink that creeps: fast-check's own
// limit turns one into a failure that names it (a normal shrink here takes well under a second).
const SHRINK_LIMIT_MS = 30_000;

/** The breaker's check, from the environment's seed, or from `seed` as if KVITTERING_SEED named it alone. */
function findCounterexample(name: keyof typeof breakers, seed?: number) {
  const env = seed === undefined ? process.env : { ...process.env, KVITTERING_SEED: String(seed), KVITTERING_PATH: undefined };
  const params = { ...propertyParameters<[World]>(200, env), interruptAfterTimeLimit: SHRINK_LIMIT_MS };
  const details = fc.check(fc.property(breakers[name](), noLoss), params);
  expect(details.interrupted, `${name} (seed ${details.seed}) had not finished after ${SHRINK_LIMIT_MS / 1000} s`).toBe(false);
  return details;
}

interface Expected {
  name: keyof typeof breakers;
  faultKinds: readonly string[];
  fate: Fate;
  /** What the trace must tell, line by line in this order. */
  story: RegExp[];
}

const cases: Expected[] = [
  {
    name: 'beforeCommitWithoutReconciliation', faultKinds: storageFaults, fate: 'lost-silent',
    story: [/fault (db-[a-z-]+|backup-spike) opens/, /sent by a (public|private) reporter to r0/, /receiver sends "mottatt" — BEFORE any commit/, /write attempt 1/, /write failed/, /case system drops it/, /portal PURGES the content/],
  },
  {
    name: 'fallbackOffRoleMissing', faultKinds: ['recipient-role-missing'], fate: 'lost-silent',
    story: [/fault recipient-role-missing opens/, /sent by/, /NO ONE HAS THE ROLE/, /portal marks it failed \(receipt-deadline\)/, /fallback: suppressed/, /portal PURGES the content/],
  },
  {
    name: 'reconciliationLongerThanRetention', faultKinds: storageFaults, fate: 'lost-detected-late',
    story: [/fault (db-[a-z-]+|backup-spike) opens/, /BEFORE any commit/, /write failed/, /portal PURGES the content/, /loss detected by reconciliation — portal has purged it/],
  },
];

describe.each(cases)('breaker $name', ({ name, faultKinds, fate, story }) => {
  it('is caught, shrunk to one message and one fault, and told as a short trace', () => {
    const details = findCounterexample(name);
    expect(details.failed, `fast-check found no counterexample for ${name}`).toBe(true);
    const [world] = details.counterexample as [World];

    expect(world.workload.messages).toHaveLength(1);
    expect(world.faults).toHaveLength(1);
    expect(faultKinds).toContain(world.faults[0]?.kind);
    expect(details.numShrinks).toBeGreaterThan(0);

    const result = runWorld(world);
    const [lost] = lostMessages(result);
    expect(lost).toBe(0);
    expect(result.judgement.messages[0]?.fate).toBe(fate);

    const lines = renderTrace(result.ledger.entries, 0, { receiverIds: ['r0'] });
    expect(lines[0]).toBe(`message #0 to r0 — fate: ${fate}`);
    expect(lines.length).toBeLessThanOrEqual(16);
    let from = 1;
    for (const step of story) {
      const at = lines.findIndex((line, i) => i >= from && step.test(line));
      expect(at, `trace misses ${step} after line ${from}:\n${lines.join('\n')}`).toBeGreaterThan(0);
      from = at + 1;
    }

    // The report a failing run prints carries the seed, the path and the same trace.
    const report = failureReport(details, { name, file: import.meta.url, explain: ([w]) => explainWorld(w) });
    expect(report).toContain(`seed: ${details.seed}`);
    expect(report).toContain(`KVITTERING_PATH=${details.counterexamplePath}`);
    expect(report).toContain(lines[0]);
  });
});

// Seed 1 once hung this suite for hours (see reconciliationLongerThanRetention): every breaker must settle on it.
describe.each(Object.keys(breakers) as (keyof typeof breakers)[])('breaker %s from seed 1', (name) => {
  it('settles on one message and one fault', () => {
    const [world] = findCounterexample(name, 1).counterexample as [World];
    expect(world.workload.messages).toHaveLength(1);
    expect(world.faults).toHaveLength(1);
  });
});
