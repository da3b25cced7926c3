// A weekday profile moves reports between days of the week without changing the volume, and is
// anchored on the scenario's real start date (a Monday-first profile, rotated to the first day).

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { KvitteringError } from '../../harness/errors.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { toSimulationInput } from '../../harness/scenario/to-simulation-input.js';
import { scheduleWorkload, type WorkloadConfig } from '../../harness/workload/workload.js';

const base = {
  id: 'week',
  title: 'Week',
  narrative: 'Reports on working days.',
  expected: 'pass',
  seed: 1,
  topology: { receivers: [{ id: 'bergen' }] },
};

/** Sends per virtual day modulo 7 over `weeks` weeks. */
function sendsByDay(dailyProfile: number[], weeks: number): number[] {
  const clock = new Scheduler();
  const counts = [0, 0, 0, 0, 0, 0, 0];
  const config: WorkloadConfig = { ratePerDay: 100, durationMs: weeks * 7 * DAY_MS, maxMessages: 0, publicSharePct: 50, bursts: [], dailyProfile };
  scheduleWorkload(config, new Map([['r', 0]]), [1], clock, new Rng(7), (h) => { counts[Math.floor(h.sentAtMs / DAY_MS) % 7]! += 1; });
  clock.runUntil(config.durationMs);
  return counts;
}

describe('workload.weekdayProfile', () => {
  it('rotates a Monday-first profile so index 0 is the start date (2020-09-25 was a Friday)', () => {
    const { scenario } = parseScenario(stringify({ ...base, start: '2020-09-25', workload: { ratePerDay: 10, duration: '14d', weekdayProfile: [1, 2, 3, 4, 5, 6, 7] } }));
    expect(toSimulationInput(scenario).input.workload?.dailyProfile).toEqual([5, 6, 7, 1, 2, 3, 4]);
  });

  it('is refused without a start date, naming the field', () => {
    const doc = stringify({ ...base, workload: { ratePerDay: 10, duration: '14d', weekdayProfile: [1, 1, 1, 1, 1, 0, 0] } });
    const error = (() => { try { toSimulationInput(parseScenario(doc).scenario); } catch (e) { return e; } return undefined; })();
    expect(error).toBeInstanceOf(KvitteringError);
    expect((error as KvitteringError).message).toContain('weekdayProfile');
  });

  it('sends nothing on a day weighted 0 and keeps the total volume', () => {
    const weeks = 20;
    const counts = sendsByDay([1, 1, 1, 1, 1, 0, 0], weeks);
    expect(counts[5]).toBe(0);
    expect(counts[6]).toBe(0);
    const total = counts.reduce((a, b) => a + b, 0);
    // 100 a day over 140 days: 14,000 expected; Poisson sd ≈ 118.
    expect(Math.abs(total - 100 * 7 * weeks)).toBeLessThan(600);
    for (const day of counts.slice(0, 5)) expect(Math.abs(day - total / 5)).toBeLessThan(300);
  });
});
