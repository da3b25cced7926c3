// Replay: a failing property prints its seed and path; KVITTERING_SEED and KVITTERING_PATH rerun exactly
// that case. Checked end to end on a breaker, through the printed replay command itself.

import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import type { World } from '../../harness/arbitraries/world.js';
import { breakers } from '../support/breaker-worlds.js';
import { CI_SEED, DEEP_SCALE, failureReport, numRuns, propertyParameters } from '../support/property.js';
import { explainWorld, judgeWorld, lostCount } from '../support/world-run.js';

const property = () => fc.property(breakers.beforeCommitWithoutReconciliation(), (w: World) => lostCount(judgeWorld(w)) === 0);

/** The environment a reader would copy from the report's "Replay:" line. */
function envFromReport(report: string): Record<string, string> {
  const line = report.split('\n').find((l) => l.startsWith('Replay: '));
  if (line === undefined) throw new Error(`no Replay line in:\n${report}`);
  return Object.fromEntries([...line.matchAll(/(KVITTERING_\w+)=(\S+)/g)].map((m) => [m[1] as string, m[2] as string]));
}

describe('replay', () => {
  it('reruns exactly the reported counterexample from KVITTERING_SEED and KVITTERING_PATH', () => {
    const first = fc.check(property(), propertyParameters(200, {}));
    expect(first.failed).toBe(true);
    const report = failureReport(first, { name: 'replay me', file: import.meta.url, explain: ([w]) => explainWorld(w) });
    const env = envFromReport(report);
    expect(env).toEqual({ KVITTERING_SEED: String(first.seed), KVITTERING_PATH: first.counterexamplePath });

    const replay = fc.check(property(), propertyParameters(200, env));
    expect(replay.failed).toBe(true);
    expect(replay.numRuns).toBe(1);
    expect(replay.counterexample).toEqual(first.counterexample);
    // The same world gives the same ledger, so the same trace.
    const [world] = replay.counterexample as [World];
    expect(explainWorld(world)).toEqual(explainWorld((first.counterexample as [World])[0]));
  });

  it('with only KVITTERING_SEED reruns the whole search from that seed', () => {
    const first = fc.check(property(), propertyParameters(200, {}));
    const again = fc.check(property(), propertyParameters(200, { KVITTERING_SEED: String(first.seed) }));
    expect(again.counterexample).toEqual(first.counterexample);
    expect(again.counterexamplePath).toBe(first.counterexamplePath);
  });

  it('scales runs for release pipelines and rejects bad values with the variable name', () => {
    expect(numRuns(50, {})).toBe(50);
    expect(numRuns(50, { KVITTERING_DEEP: '1' })).toBe(50 * DEEP_SCALE);
    expect(numRuns(50, { KVITTERING_DEEP: '1', KVITTERING_RUNS_SCALE: '0.1' })).toBe(5);
    expect(() => numRuns(50, { KVITTERING_RUNS_SCALE: 'lots' })).toThrow(/KVITTERING_RUNS_SCALE is "lots"/);
    expect(() => propertyParameters(50, { KVITTERING_SEED: '12x' })).toThrow(/KVITTERING_SEED is "12x" — expected an integer/);
    expect(() => propertyParameters(50, { KVITTERING_SEED: '12', KVITTERING_PATH: 'a:b' })).toThrow(/KVITTERING_PATH is "a:b"/);
  });

  it('pins the seed in CI (a red main is never a lucky draw) but keeps exploring locally and in deep runs', () => {
    expect(propertyParameters(10, { CI: 'true' }).seed).toBe(CI_SEED);
    expect(propertyParameters(10, {}).seed).toBeUndefined();
    expect(propertyParameters(10, { CI: 'true', KVITTERING_DEEP: '1' }).seed).toBeUndefined();
    expect(propertyParameters(10, { CI: 'true', KVITTERING_SEED: '5' }).seed).toBe(5);
  });
});
