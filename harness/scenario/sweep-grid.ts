// A sweep: the same scenario run over a grid of retention × reconciliation interval × ack policy, the
// policy question a regulator asks ("what retention and which control make losses recoverable?").
// Pure: the CLI runs each point through runScenario and folds the runs into cells here.

import { KvitteringError, didYouMean } from '../errors.js';
import { DAY_MS } from '../runtime/time.js';
import type { AckPolicy } from '../../simulators/case-system/case-system.js';
import { durationExpected, durationPattern, intervalExpected, intervalPattern, parseDuration } from './duration.js';
import { ackPolicies, type ExpectedVerdict, type SweepEntry } from './scenario-schema.js';
import type { Overrides, ScenarioRun } from './run-scenario.js';
import { verdictKey } from '../oracle/checks.js';
import type { Localized } from './localized.js';

/** Axis values as written (labels) — an axis not swept has the single value undefined: "as in the file". */
interface SweepAxes {
  retention: (string | undefined)[];
  reconciliationInterval: (string | undefined)[];
  ackPolicy: (AckPolicy | undefined)[];
}

interface SweepPoint {
  retention: string | undefined;
  reconciliationInterval: string | undefined;
  ackPolicy: AckPolicy | undefined;
}

interface SweepCell extends SweepPoint {
  total: number;
  /** Lost for good: silently, or detected after the purge. */
  lost: number;
  lossRatePct: number;
  recovered: number;
  fallback: number;
  /** Median time from loss to detection; undefined when nothing was detected. */
  detectionMedianMs: number | undefined;
  detected: number;
  verdict: ExpectedVerdict;
}

interface SweepTable {
  scenarioId: string;
  title: Localized;
  seed: number;
  axes: SweepAxes;
  cells: SweepCell[];
}

/** Axes from CLI lists (when given) over the file's sweep section; every value checked. */
function sweepAxes(file: SweepEntry | undefined, flags: Partial<Record<keyof SweepAxes, string[]>>): SweepAxes {
  const check = (name: string, values: readonly string[], ok: (v: string) => boolean, expected: string, options: readonly string[] = []) => {
    for (const v of values) if (!ok(v)) throw new KvitteringError('E_SWEEP_AXIS', `${name} value ${JSON.stringify(v)} — expected ${expected}`, didYouMean(v, options));
  };
  const retention = flags.retention ?? file?.retention;
  const reconciliation = flags.reconciliationInterval ?? file?.reconciliationInterval;
  const ack = flags.ackPolicy ?? file?.ackPolicy;
  check('retention', retention ?? [], (v) => durationPattern.test(v) && v !== '0', durationExpected);
  check('reconciliation interval', reconciliation ?? [], (v) => intervalPattern.test(v), intervalExpected);
  check('ack policy', ack ?? [], (v) => (ackPolicies as readonly string[]).includes(v), `one of ${ackPolicies.join(', ')}`, ackPolicies);
  if (retention === undefined && reconciliation === undefined && ack === undefined) {
    throw new KvitteringError('E_SWEEP_AXIS', 'nothing to sweep — expected a `sweep:` section in the scenario or at least one of --retention, --reconciliation, --ack-policy',
      'e.g. kvittering sweep scenarios/npb-2023-before-fix.yaml --retention 14d,30d --reconciliation off,1d,7d');
  }
  return {
    retention: retention ?? [undefined],
    reconciliationInterval: reconciliation ?? [undefined],
    ackPolicy: (ack as AckPolicy[] | undefined) ?? [undefined],
  };
}

/** Every point of the grid, ack policy slowest-varying, retention fastest. */
function sweepPoints(axes: SweepAxes): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (const ackPolicy of axes.ackPolicy) {
    for (const reconciliationInterval of axes.reconciliationInterval) {
      for (const retention of axes.retention) points.push({ retention, reconciliationInterval, ackPolicy });
    }
  }
  return points;
}

function overridesOf(point: SweepPoint): Overrides {
  const o: Overrides = {};
  if (point.retention !== undefined) o.retentionDays = parseDuration(point.retention) / DAY_MS;
  if (point.reconciliationInterval !== undefined) o.reconciliationIntervalMs = parseDuration(point.reconciliationInterval);
  if (point.ackPolicy !== undefined) o.ackPolicy = point.ackPolicy;
  return o;
}

function sweepCell(point: SweepPoint, run: ScenarioRun): SweepCell {
  const v = run.result.judgement.verdict;
  const lost = v.counts['lost-silent'] + v.counts['lost-detected-late'];
  return {
    ...point,
    total: v.total,
    lost,
    lossRatePct: v.total === 0 ? 0 : (100 * lost) / v.total,
    recovered: v.counts.recovered,
    fallback: v.counts.fallback,
    detectionMedianMs: v.timeToDetection?.medianMs,
    detected: v.timeToDetection?.count ?? 0,
    verdict: verdictKey(v.valid),
  };
}

export { sweepAxes, sweepPoints, overridesOf, sweepCell };
export type { SweepAxes, SweepPoint, SweepCell, SweepTable };
