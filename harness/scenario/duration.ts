// Durations and instants as scenario files write them. One convention everywhere: a duration is a
// string of number+unit parts ("250ms", "15m", "2d", "3h30m", "1w"); an interval may also be "off";
// an instant is a duration since the start of the run, or a calendar date ("2021-03-01",
// "2021-03-01T14:30") when the scenario sets `start`. Numbers without units are never durations.

import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../runtime/time.js';

const unitMs: Record<string, number> = { ms: 1, s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS };

const durationPattern = /^(?:0|(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+)$/;
const intervalPattern = /^(?:off|0|(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+)$/;
const datePattern = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?$/;
const instantPattern = /^(?:0|(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)$/;

const durationExpected = 'a duration with units, like "15m", "2d" or "3h30m"';
const intervalExpected = 'a duration with units, like "1d" or "12h", or "off"';
const instantExpected = 'a time since the start, like "36h" or "2d", or a date like "2021-03-01" (needs `start`)';
const dateExpected = 'a calendar date like "2020-09-25"';

/** Milliseconds of a duration string already checked against `durationPattern`; "off" is 0. */
function parseDuration(text: string): number {
  if (text === '0' || text === 'off') return 0;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) total += Number(n) * (unitMs[unit as string] as number);
  return total;
}

/** Epoch milliseconds of a calendar date, read as UTC (virtual time has no time zone). */
function parseDate(text: string): number {
  return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : `${text}Z`);
}

function isDate(text: string): boolean {
  return datePattern.test(text);
}

export { parseDuration, parseDate, isDate, durationPattern, intervalPattern, instantPattern, datePattern, durationExpected, intervalExpected, instantExpected, dateExpected };
