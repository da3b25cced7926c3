// Numbers, durations and instants as each language writes them (reports/i18n.ts formats them by hand,
// not with Intl, so a report never depends on the machine's locale): digit grouping, decimal marks,
// rounding, signs, the two largest units of a duration, and the day/clock of an instant.

import { describe, expect, it } from 'vitest';
import { formatInteger, formatNumber, formatPercent, messagesFor } from '../../reports/i18n.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../harness/runtime/time.js';

const en = messagesFor('en');
const nb = messagesFor('nb');

/** [milliseconds, English, Norwegian]: below a second in ms, then at most the two largest non-zero units, rounded down. */
const durations: [number, string, string][] = [
  [0, '0ms', '0ms'],
  [1, '1ms', '1ms'],
  [999, '999ms', '999ms'],
  [999.6, '1s', '1s'],
  [1000, '1s', '1s'],
  [1500, '1s', '1s'],
  [59_999, '59s', '59s'],
  [60_000, '1m', '1m'],
  [61_000, '1m 1s', '1m 1s'],
  [3_600_000, '1h', '1t'],
  [3_661_000, '1h 1m', '1t 1m'],
  [86_400_000, '1d', '1d'],
  [86_460_000, '1d 1m', '1d 1m'],
  [90_061_000, '1d 1h', '1d 1t'],
  [1_209_600_000, '14d', '14d'],
  [-1500, '-1s', '-1s'],
  [-500, '-500ms', '-500ms'],
  [Number.NaN, 'NaN', 'NaN'],
  [Number.POSITIVE_INFINITY, 'Infinity', 'Infinity'],
];

/** [milliseconds since the run began, English, Norwegian]. */
const instants: [number, string, string][] = [
  [0, 'day 0 00:00:00', 'dag 0 00:00:00'],
  [999, 'day 0 00:00:00', 'dag 0 00:00:00'],
  [1000, 'day 0 00:00:01', 'dag 0 00:00:01'],
  [3_723_000, 'day 0 01:02:03', 'dag 0 01:02:03'],
  [86_399_999, 'day 0 23:59:59', 'dag 0 23:59:59'],
  [86_400_000, 'day 1 00:00:00', 'dag 1 00:00:00'],
  [4 * DAY_MS + 5 * HOUR_MS + 6 * MINUTE_MS + 7_890, 'day 4 05:06:07', 'dag 4 05:06:07'],
];

/** [number, English, Norwegian]: rounded to a whole number; comma or no-break space between thousands. */
const integers: [number, string, string][] = [
  [0, '0', '0'],
  [7, '7', '7'],
  [999, '999', '999'],
  [1000, '1,000', '1\u00a0000'],
  [12345, '12,345', '12\u00a0345'],
  [1234567, '1,234,567', '1\u00a0234\u00a0567'],
  [-1234, '-1,234', '-1\u00a0234'],
  [2.5, '3', '3'],
  [999.5, '1,000', '1\u00a0000'],
];

/** [number, English, Norwegian]: whole numbers plain, others with one decimal. */
const numbers: [number, string, string][] = [
  [3, '3', '3'],
  [10.5, '10.5', '10,5'],
  [-10.55, '-10.6', '-10,6'],
  [0.04, '0.0', '0,0'],
  [0.96, '1.0', '1,0'],
  [1234.56, '1,234.6', '1\u00a0234,6'],
  [-2.25, '-2.3', '-2,3'],
];

/** [[part, whole], English, Norwegian]: one decimal and a no-break space before %; a dash for an empty whole. */
const percents: [[number, number], string, string][] = [
  [[1, 3], '33.3\u00a0%', '33,3\u00a0%'],
  [[0, 0], '–', '–'],
  [[2, 2], '100.0\u00a0%', '100,0\u00a0%'],
  [[1, 8], '12.5\u00a0%', '12,5\u00a0%'],
  [[1, 2000], '0.1\u00a0%', '0,1\u00a0%'],
  [[0, 5], '0.0\u00a0%', '0,0\u00a0%'],
  [[2, 3], '66.7\u00a0%', '66,7\u00a0%'],
];

describe('durations', () => {
  it.each(durations)('%s ms reads %j (en) and %j (nb)', (ms, english, norwegian) => {
    expect(en.duration(ms)).toBe(english);
    expect(nb.duration(ms)).toBe(norwegian);
    // The Norwegian trace lines use the same words as the rest of the Norwegian report.
    expect(nb.tracePhrases.duration(ms)).toBe(norwegian);
  });
});

describe('instants', () => {
  it.each(instants)('%s ms reads %j (en) and %j (nb)', (ms, english, norwegian) => {
    expect(en.instant(ms)).toBe(english);
    expect(nb.instant(ms)).toBe(norwegian);
    expect(nb.tracePhrases.instant(ms)).toBe(norwegian);
  });
});

describe('integers', () => {
  it.each(integers)('%s reads %j (en) and %j (nb)', (n, english, norwegian) => {
    expect(formatInteger(n, en)).toBe(english);
    expect(formatInteger(n, nb)).toBe(norwegian);
  });
});

describe('numbers', () => {
  it.each(numbers)('%s reads %j (en) and %j (nb)', (n, english, norwegian) => {
    expect(formatNumber(n, en)).toBe(english);
    expect(formatNumber(n, nb)).toBe(norwegian);
  });
});

describe('percentages', () => {
  it.each(percents)('%j reads %j (en) and %j (nb)', ([part, whole], english, norwegian) => {
    expect(formatPercent(part, whole, en)).toBe(english);
    expect(formatPercent(part, whole, nb)).toBe(norwegian);
  });
});
