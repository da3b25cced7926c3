// Norwegian working days, computed rather than typed in: weekends, the fixed public holidays (1 Jan,
// 1 May, 17 May, 25–26 Dec) and the movable ones tied to Easter (Maundy Thursday, Good Friday, Easter
// Sunday and Monday, Ascension Day, Whit Sunday and Monday) — the days on which KS's "2 working days"
// before a report goes to print do not run. Calendar instants are epoch milliseconds read as Norwegian
// wall-clock time (virtual time has no time zone; a scenario's dates are local dates).

import { DAY_MS } from './time.js';

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const fixedHolidays: readonly (readonly [number, number])[] = [[1, 1], [5, 1], [5, 17], [12, 25], [12, 26]];
/** Days after Easter Sunday: Maundy Thursday, Good Friday, Easter Sunday, Easter Monday, Ascension, Whit Sunday, Whit Monday. */
const easterOffsets: readonly number[] = [-3, -2, 0, 1, 39, 49, 50];

const holidayCache = new Map<number, ReadonlySet<number>>();

/** The public holidays of a year, as epoch-day numbers (days since 1970-01-01). */
function holidays(year: number): ReadonlySet<number> {
  let days = holidayCache.get(year);
  if (days === undefined) {
    const easter = easterSunday(year);
    const easterDay = Date.UTC(year, easter.month - 1, easter.day) / DAY_MS;
    days = new Set([
      ...fixedHolidays.map(([month, day]) => Date.UTC(year, month - 1, day) / DAY_MS),
      ...easterOffsets.map((offset) => easterDay + offset),
    ]);
    holidayCache.set(year, days);
  }
  return days;
}

/** Whether the day containing this instant is a Norwegian working day (Monday–Friday, not a holiday). */
function isWorkingDay(epochMs: number): boolean {
  const date = new Date(epochMs);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidays(date.getUTCFullYear()).has(Math.floor(epochMs / DAY_MS));
}

/**
 * The instant `workingDays` working days after `epochMs`: the same clock time on the n-th following
 * working day. Sent on a day off, the count starts at the beginning of the next working day — a report
 * sent on Saturday is due at the end of Tuesday, as if sent at 00:00 on Monday.
 */
function addWorkingDays(epochMs: number, workingDays: number): number {
  let t = epochMs;
  if (!isWorkingDay(t)) {
    t = Math.floor(t / DAY_MS) * DAY_MS;
    while (!isWorkingDay(t)) t += DAY_MS;
  }
  for (let counted = 0; counted < workingDays;) {
    t += DAY_MS;
    if (isWorkingDay(t)) counted++;
  }
  return t;
}

export { easterSunday, isWorkingDay, addWorkingDays };
