// Loader errors must name the path, the value and what was expected, with a did-you-mean hint where
// a name was misspelt; valid files must map onto the core's input exactly.

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { KvitteringError } from '../../harness/errors.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../harness/runtime/time.js';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { toSimulationInput } from '../../harness/scenario/to-simulation-input.js';

const minimal = {
  id: 'tiny',
  title: 'Tiny',
  narrative: 'One receiver, a few reports.',
  expected: 'pass',
  seed: 1,
  topology: { receivers: [{ id: 'bergen' }] },
  workload: { ratePerDay: 10, duration: '2d' },
};

function errorOf(doc: unknown): KvitteringError {
  try {
    parseScenario(typeof doc === 'string' ? doc : stringify(doc), 'scenarios/tiny.yaml');
  } catch (error) {
    if (error instanceof KvitteringError) return error;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

const withFault = (fault: object) => ({ ...minimal, faults: [fault] });

describe('parseScenario errors', () => {
  it('names path, value, expected options and a did-you-mean for a misspelt fault kind', () => {
    const e = errorOf(withFault({ kind: 'db-overlaod', from: '1h', to: '2h' }));
    expect(e.code).toBe('E_SCENARIO_FIELD');
    expect(e.message).toContain('[kvittering] E_SCENARIO_FIELD: scenarios/tiny.yaml: faults[0].kind is "db-overlaod" — expected one of db-overload,');
    expect(e.hint).toBe('did you mean "db-overload"?');
  });

  it('rejects an unknown field and suggests the known one', () => {
    const e = errorOf({ ...minimal, portal: { retension: '14d' } });
    expect(e.detail).toContain('portal.retension is "14d" — expected no such field here (known: retention,');
    expect(e.hint).toBe('did you mean "retention"?');
  });

  it('explains the duration convention when a duration has no unit', () => {
    const e = errorOf({ ...minimal, portal: { retention: 14 } });
    expect(e.detail).toContain('portal.retention is 14 — expected a string');
    const e2 = errorOf({ ...minimal, portal: { retention: '14 days' } });
    expect(e2.detail).toContain('portal.retention is "14 days" — expected a duration with units, like "15m", "2d" or "3h30m"');
  });

  it('says what is missing', () => {
    const { narrative: _omitted, ...rest } = minimal;
    expect(errorOf(rest).detail).toContain('narrative is missing — expected a string');
  });

  it('checks ranges and enums with the file path', () => {
    expect(errorOf(withFault({ kind: 'receipt-lost', from: '0', to: '1d', probabilityPct: 150 })).detail).toContain('faults[0].probabilityPct is 150 — expected a number ≤ 100');
    const e = errorOf({ ...minimal, expected: 'passes' });
    expect(e.detail).toContain('expected is "passes" — expected one of pass, fail, unknown');
    expect(e.hint).toBe('did you mean "pass"?');
  });

  it('requires a window for window faults and an instant for events', () => {
    expect(errorOf(withFault({ kind: 'db-outage', from: '1h' })).detail).toContain('faults[0].to is missing — expected when the "db-outage" window heals');
    expect(errorOf(withFault({ kind: 'case-system-crash', from: '1h', to: '2h' })).detail).toContain('faults[0].at is missing — expected when the "case-system-crash" event happens');
  });

  it('names an unknown fault target and suggests a receiver or group', () => {
    const e = errorOf(withFault({ kind: 'db-outage', from: '1h', to: '2h', targets: ['bergne'] }));
    expect(e.detail).toContain('faults[0].targets[0] is "bergne" — expected a receiver or group id (bergen)');
    expect(e.hint).toBe('did you mean "bergen"?');
  });

  it('refuses calendar dates without a start date', () => {
    const e = errorOf(withFault({ kind: 'db-outage', from: '2021-01-01', to: '2021-01-02' }));
    expect(e.detail).toContain('faults[0].from is "2021-01-01" — expected a time since the start like "2d": dates need `start` set');
  });

  it('requires periods to be contiguous from the start', () => {
    const e = errorOf({ ...minimal, workload: { periods: [{ from: '0', to: '10d', reports: 5 }, { from: '11d', to: '20d', reports: 5 }] } });
    expect(e.detail).toContain('workload.periods[1].from is "11d" — expected the end of the previous period (10d)');
  });

  it('rejects duplicate receiver ids, including group members', () => {
    const e = errorOf({ ...minimal, topology: { receivers: [{ id: 'org', count: 2 }, { id: 'org-2' }] } });
    expect(e.detail).toContain('topology.receivers[1].id is "org-2" — expected an id used by no other receiver or group member');
  });

  it('reports broken YAML with its own code', () => {
    expect(errorOf('id: [unclosed\n').code).toBe('E_SCENARIO_YAML');
  });
});

describe('mapping onto SimulationInput', () => {
  it('converts durations, dates, groups and periods', () => {
    const { scenario } = parseScenario(stringify({
      ...minimal,
      start: '2021-01-01',
      portal: { retention: '30d', receiptDeadline: '2d' },
      topology: { receivers: [{ id: 'org', count: 3, route: 'inbox', inbox: { openDelayMean: '3h30m' } }, { id: 'oslo', caseSystem: { pollInterval: '15m' } }] },
      controls: { reconciliationInterval: '1d' },
      workload: { periods: [{ from: '2021-01-01', to: '2021-01-11', reports: 10 }, { from: '2021-01-11', to: '2021-01-21', reports: 40 }], volumeSharePct: 50 },
      faults: [{ kind: 'backup-spike', targets: ['org'], from: '2021-01-02T01:00', to: '2021-01-02T04:00', repeatEvery: '1w', repeatUntil: '20d' }],
    }));
    const { input, groups } = toSimulationInput(scenario);
    expect(input.portal).toEqual({ retentionDays: 30, receiptDeadlineMs: 2 * DAY_MS });
    expect(input.receivers.map((r) => r.id)).toEqual(['org-1', 'org-2', 'org-3', 'oslo']);
    expect(input.receivers[0]?.inbox).toEqual({ openDelayMeanMs: 3.5 * HOUR_MS });
    expect(input.receivers[3]?.caseSystem).toEqual({ pollIntervalMs: 15 * MINUTE_MS });
    expect(input.receivers.every((r) => r.controls?.reconciliationIntervalMs === DAY_MS)).toBe(true);
    expect(groups).toEqual([{ id: 'org', members: ['org-1', 'org-2', 'org-3'] }, { id: 'oslo', members: ['oslo'] }]);
    expect(input.faults).toEqual([{ kind: 'backup-spike', targets: ['org-1', 'org-2', 'org-3'], fromMs: DAY_MS + HOUR_MS, toMs: DAY_MS + 4 * HOUR_MS, repeatEveryMs: 7 * DAY_MS, repeatUntilMs: 20 * DAY_MS }]);
    // 5 reports in 10 days, then 20 in 10 days (half the volume): base 0.5/day, ×4 in the second period.
    expect(input.workload).toEqual({ ratePerDay: 0.5, durationMs: 20 * DAY_MS, bursts: [{ fromMs: 10 * DAY_MS, toMs: 20 * DAY_MS, multiplier: 4 }] });
  });

  it('hashes the canonical content, not the spelling of the file', () => {
    const a = parseScenario(stringify(minimal));
    const { seed, ...rest } = minimal;
    const b = parseScenario(`# a comment\n${stringify({ seed, ...rest })}`.replace('ratePerDay: 10', 'ratePerDay: 10.0'));
    const c = parseScenario(stringify({ ...minimal, seed: 2 }));
    expect(b.hash).toBe(a.hash);
    expect(c.hash).not.toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
