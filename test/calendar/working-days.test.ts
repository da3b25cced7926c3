// The receipt deadline counts Norwegian working days: weekends and public holidays (the Easter-based
// ones computed, not typed in) do not count, so a report sent before a long weekend waits longer
// for its print fallback than "2 days" would say.

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { addWorkingDays, easterSunday, isWorkingDay } from '../../harness/runtime/norwegian-calendar.js';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { runScenario } from '../../harness/scenario/run-scenario.js';

const at = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe('Norwegian calendar', () => {
  it('computes Easter Sunday for years with known dates', () => {
    expect(easterSunday(2020)).toEqual({ month: 4, day: 12 });
    expect(easterSunday(2021)).toEqual({ month: 4, day: 4 });
    expect(easterSunday(2022)).toEqual({ month: 4, day: 17 });
    expect(easterSunday(2023)).toEqual({ month: 4, day: 9 });
    expect(easterSunday(2024)).toEqual({ month: 3, day: 31 });
    expect(easterSunday(2038)).toEqual({ month: 4, day: 25 });
  });

  it('knows the holidays of 2023 and nothing else between Monday and Friday', () => {
    const off = ['2023-01-01', '2023-04-06', '2023-04-07', '2023-04-09', '2023-04-10', '2023-05-01', '2023-05-17', '2023-05-18', '2023-05-28', '2023-05-29', '2023-12-25', '2023-12-26'];
    for (const day of off) expect(isWorkingDay(at(`${day}T12:00`)), day).toBe(false);
    let weekdaysOff = 0;
    for (let t = at('2023-01-01T12:00'); t < at('2024-01-01T00:00'); t += 86_400_000) {
      const weekday = new Date(t).getUTCDay();
      if (weekday !== 0 && weekday !== 6 && !isWorkingDay(t)) weekdaysOff++;
    }
    // 2023: New Year, Easter Sunday and Whit Sunday fall on Sundays, so 9 of the 12 fall on weekdays.
    expect(weekdaysOff).toBe(9);
  });

  it('counts two working days past weekends and Easter', () => {
    expect(iso(addWorkingDays(at('2023-03-29T10:00'), 2))).toBe('2023-03-31T10:00'); // Wednesday → Friday
    expect(iso(addWorkingDays(at('2023-03-31T16:00'), 2))).toBe('2023-04-04T16:00'); // Friday → Tuesday
    expect(iso(addWorkingDays(at('2023-04-05T16:00'), 2))).toBe('2023-04-12T16:00'); // before Maundy Thursday → Wednesday after Easter Monday
    expect(iso(addWorkingDays(at('2023-04-08T11:00'), 2))).toBe('2023-04-13T00:00'); // Easter Saturday: counted from Tuesday 00:00
  });
});

describe('the print fallback waits two working days', () => {
  // One report, Friday 31 March 2023 16:00, the Friday before Easter week, to a case system whose
  // receipt never arrives: the portal must print on Tuesday 4 April at 16:00, not on Sunday.
  const scenario = (extra: object) => parseScenario(stringify({
    id: 'friday-before-easter',
    title: 'A report sent on the Friday before Easter',
    narrative: 'Its receipt is lost; the portal prints it after two working days.',
    expected: 'pass',
    seed: 1,
    start: '2023-03-27',
    topology: { receivers: [{ id: 'bergen' }] },
    workload: { messages: [{ at: '2023-03-31T16:00', receiver: 'bergen', sender: 'public' }] },
    faults: [{ kind: 'receipt-lost', from: '2023-03-27', to: '2023-05-01', probabilityPct: 100 }],
    ...extra,
  }), 'scenarios/friday-before-easter.yaml');
  const printedAt = (extra: object) => {
    const run = runScenario(scenario(extra));
    const printed = run.result.ledger.entries.find((e) => e.kind === 'fallback' && e.outcome === 'printed');
    expect(printed, 'the portal printed the report').toBeDefined();
    return iso(Date.parse('2023-03-27T00:00:00Z') + (printed?.t ?? NaN));
  };

  it('prints on Tuesday 16:00 with the calendar', () => {
    expect(printedAt({})).toBe('2023-04-04T16:00');
  });

  it('prints on the Wednesday after Easter when sent the day before Maundy Thursday', () => {
    expect(printedAt({ workload: { messages: [{ at: '2023-04-05T16:00', receiver: 'bergen', sender: 'public' }] } })).toBe('2023-04-12T16:00');
  });

  it('keeps a plain duration when the scenario asks for one', () => {
    expect(printedAt({ portal: { receiptDeadline: '2d' } })).toBe('2023-04-02T16:00');
  });
});
