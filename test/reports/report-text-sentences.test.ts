// The sentences every renderer shares (reports/report-text.ts), exactly as a reader sees them in en
// and nb: the verdict line, each built-in and live check's Norwegian summary from its numbers, the
// trace caption, the tool name and the live-run note. A reworded or misrouted sentence fails here.

import { describe, expect, it } from 'vitest';
import { checkName, checkSummary, rerunNotes, toolName, traceCaption, traceLines, verdictLine } from '../../reports/report-text.js';
import { messagesFor } from '../../reports/i18n.js';
import type { ReportCheck, RunReport } from '../../reports/run-report.js';
import { liveStopReasons } from '../../harness/runner/run-result.js';
import { fixtureReport } from './fixture.js';

const en = messagesFor('en');
const nb = messagesFor('nb');

const base = fixtureReport();

function withVerdict(valid: RunReport['verdict']['valid'], expected: RunReport['verdict']['expected'], asExpected: boolean): RunReport {
  return { ...base, verdict: { ...base.verdict, valid, expected, asExpected } };
}

function check(name: string, valid: ReportCheck['valid'], data?: Record<string, number>, summary = `English summary of ${name}`): ReportCheck {
  return { name, valid, summary, offenders: [], ...(data === undefined ? {} : { data }) };
}

const nbOf = (c: ReportCheck) => checkSummary(c, nb);

describe('verdict line', () => {
  it('names the verdict, the expected verdict and whether they agree, in en and nb', () => {
    expect(verdictLine(withVerdict(false, 'fail', true), en)).toBe('FAIL (expected FAIL — as expected)');
    expect(verdictLine(withVerdict(true, 'fail', false), en)).toBe('PASS (expected FAIL — NOT as expected)');
    expect(verdictLine(withVerdict('unknown', 'pass', false), en)).toBe('UNKNOWN (expected PASS — NOT as expected)');
    expect(verdictLine(withVerdict(false, 'fail', true), nb)).toBe('IKKE BESTÅTT (forventet IKKE BESTÅTT — som forventet)');
    expect(verdictLine(withVerdict('unknown', 'unknown', true), nb)).toBe('UAVKLART (forventet UAVKLART — som forventet)');
    expect(verdictLine(withVerdict(true, 'unknown', false), nb)).toBe('BESTÅTT (forventet UAVKLART — IKKE som forventet)');
  });
});

describe('built-in checks in Norwegian, from their numbers', () => {
  it('promise: losses split into silent and late, with the re-sent part only when there is one', () => {
    expect(nbOf(check('promise', false, { lost: 7, silent: 3, late: 4 }))).toBe('7 meldinger tapt: 3 i stillhet, 4 oppdaget, men ikke gjenopprettet før portalen slettet dem');
    expect(nbOf(check('promise', false, { lost: 7, silent: 3, late: 4, resent: 0 }))).toBe('7 meldinger tapt: 3 i stillhet, 4 oppdaget, men ikke gjenopprettet før portalen slettet dem');
    expect(nbOf(check('promise', false, { lost: 1234, silent: 1000, late: 234, resent: 2 }))).toBe(
      `1${nb.thousands}234 meldinger tapt: 1${nb.thousands}000 i stillhet, 234 oppdaget, men ikke gjenopprettet før portalen slettet dem, 2 sendt på nytt av melder uten at feilen ble registrert`,
    );
  });

  it('promise: in flight at the horizon, and kept', () => {
    expect(nbOf(check('promise', 'unknown', { inFlight: 5 }))).toBe('ingen tap ennå, men 5 meldinger er fortsatt underveis ved horisonten');
    expect(nbOf(check('promise', true))).toBe('hver melding lagret, skrevet ut eller gjenopprettet innenfor oppbevaringsvinduet');
  });

  it('promise: without every number it needs, the check keeps its own text', () => {
    expect(nbOf(check('promise', false, { lost: 7, silent: 3 }))).toBe('English summary of promise');
    expect(nbOf(check('promise', false, { lost: 7, late: 4 }))).toBe('English summary of promise');
    expect(nbOf(check('promise', false, { silent: 3, late: 4 }))).toBe('English summary of promise');
    expect(nbOf(check('promise', false))).toBe('English summary of promise');
    expect(nbOf(check('promise', 'unknown'))).toBe('English summary of promise');
    expect(nbOf(check('promise', 'unknown', { lost: 1, silent: 1, late: 0 }))).toBe('English summary of promise');
    expect(nbOf(check('promise', false, { inFlight: 5 }))).toBe('English summary of promise');
  });

  it('duplicates and horizon', () => {
    expect(nbOf(check('duplicates', true))).toBe('ingen melding lagret to ganger');
    expect(nbOf(check('duplicates', false, { storedTwice: 2 }))).toBe('2 meldinger lagret mer enn én gang');
    expect(nbOf(check('duplicates', false))).toBe('English summary of duplicates');
    expect(nbOf(check('duplicates', 'unknown', { storedTwice: 2 }))).toBe('English summary of duplicates');
    expect(nbOf(check('horizon', true))).toBe('horisonten når forbi hvert oppbevaringsvindu');
    expect(nbOf(check('horizon', 'unknown', { shortByHours: 12 }))).toBe('horisonten slutter 12 t før siste oppbevaringsvindu lukkes');
    expect(nbOf(check('horizon', 'unknown'))).toBe('English summary of horizon');
    expect(nbOf(check('horizon', false, { shortByHours: 12 }))).toBe('English summary of horizon');
  });

  it('a number that is not a number is not worded', () => {
    const odd = { lost: 7, silent: 3, late: '4' } as unknown as Record<string, number>;
    expect(nbOf(check('promise', false, odd))).toBe('English summary of promise');
  });

  it('a check of another name keeps its own text even when it carries the numbers a known check is worded from', () => {
    const data = { lost: 1, silent: 1, late: 0, inFlight: 1, storedTwice: 1, shortByHours: 1, applied: 1, failed: 1, windows: 1, unmet: 1, neverOpened: 0, made: 2, problems: 1, stoppedBecause: liveStopReasons.stopped };
    for (const valid of [true, false, 'unknown'] as const) expect(nbOf(check('vendor-check', valid, data))).toBe('English summary of vendor-check');
  });

  it('English reports keep every check\'s own text', () => {
    for (const c of [check('promise', false, { lost: 1, silent: 1, late: 0 }), check('duplicates', true), check('system', true, { problems: 0, startedByKvittering: 1 })]) {
      expect(checkSummary(c, en)).toBe(c.summary);
    }
  });
});

describe('live checks in Norwegian, from their numbers', () => {
  it('faults-applied', () => {
    expect(nbOf(check('faults-applied', true))).toBe('hver feil planlagt på databasen fikk virkning');
    expect(nbOf(check('faults-applied', true, { applied: 0 }))).toBe('ingen feil på systemet var planlagt');
    expect(nbOf(check('faults-applied', true, { applied: 3 }))).toBe('hver planlagt feil fikk virkning (3 bekreftet på tjeneren eller i prosessen)');
    expect(nbOf(check('faults-applied', 'unknown', { failed: 2 }, 'lock denied'))).toBe('2 planlagte feilhandlinger kunne ikke utføres — lock denied');
    expect(nbOf(check('faults-applied', 'unknown'))).toBe('English summary of faults-applied');
    expect(nbOf(check('faults-applied', false, { failed: 2 }))).toBe('English summary of faults-applied');
  });

  it('faults-met-reports', () => {
    expect(nbOf(check('faults-met-reports', true, { windows: 0 }))).toBe('ingen lagringsfeilvindu var planlagt');
    expect(nbOf(check('faults-met-reports', true, { windows: 4 }))).toBe('alle 4 lagringsfeilvinduer traff meldinger');
    expect(nbOf(check('faults-met-reports', true))).toBe('English summary of faults-met-reports');
    expect(nbOf(check('faults-met-reports', 'unknown', { unmet: 2, windows: 5, neverOpened: 1 }, 'spike'))).toBe(
      '2 av 5 lagringsfeilvinduer traff ingen melding og 1 åpnet aldri, så kjøringen sier ingenting om dem — spike',
    );
    expect(nbOf(check('faults-met-reports', 'unknown', { windows: 5 }))).toBe('English summary of faults-met-reports');
    expect(nbOf(check('faults-met-reports', false, { unmet: 2, windows: 5, neverOpened: 1 }))).toBe('English summary of faults-met-reports');
  });

  it('storage-probe', () => {
    expect(nbOf(check('storage-probe', true, { made: 40, failed: 0 }))).toBe('40 lesinger av systemets lager svarte');
    expect(nbOf(check('storage-probe', true, { made: 40, failed: 2 }))).toBe('2 av 40 lesinger av systemets lager feilet; en senere lesing svarte for hver melding de spurte om');
    expect(nbOf(check('storage-probe', 'unknown', { made: 40, failed: 9 }, 'timeout'))).toBe('9 av 40 lesinger av systemets lager feilet — timeout');
    expect(nbOf(check('storage-probe', false, { made: 40, failed: 9 }))).toBe('English summary of storage-probe');
    expect(nbOf(check('storage-probe', true, { made: 40 }))).toBe('English summary of storage-probe');
    expect(nbOf(check('storage-probe', true, { failed: 0 }))).toBe('English summary of storage-probe');
  });

  it('system', () => {
    expect(nbOf(check('system', true, { problems: 0, startedByKvittering: 1 }))).toBe('holdt seg oppe bortsett fra de planlagte feilene');
    expect(nbOf(check('system', true, { problems: 0, startedByKvittering: 0 }))).toBe('svarte hele tiden (ikke startet av kvittering)');
    expect(nbOf(check('system', true, { problems: 0 }))).toBe('svarte hele tiden, bortsett fra de planlagte feilene');
    expect(nbOf(check('system', false, { problems: 2 }, 'exit 1'))).toBe('2 problem(er) med systemet — exit 1');
    expect(nbOf(check('system', 'unknown', { problems: 1 }, 'no answer'))).toBe('1 problem(er) med systemet — no answer');
    expect(nbOf(check('system', false))).toBe('English summary of system');
  });

  it('complete: each reason the run stopped early', () => {
    expect(nbOf(check('complete', 'unknown', { stoppedBecause: liveStopReasons.stopped }))).toBe('kjøringen ble stoppet før horisonten');
    expect(nbOf(check('complete', 'unknown', { stoppedBecause: liveStopReasons.neverReady }))).toBe('kjøringen ble stoppet fordi systemet aldri ble klart');
    expect(nbOf(check('complete', 'unknown', { stoppedBecause: liveStopReasons.brokerUnreachable }, 'ECONNREFUSED'))).toBe(
      'kjøringen kunne ikke starte: portalen nådde ikke Fiks IO-megleren — ECONNREFUSED',
    );
    expect(nbOf(check('complete', 'unknown', { stoppedBecause: liveStopReasons.didNotStart }))).toBe('kjøringen startet ikke');
    expect(nbOf(check('complete', 'unknown'))).toBe('English summary of complete');
  });
});

describe('names, trace caption, tool name, rerun notes', () => {
  it('a check is named from the catalogue, or by its own name when the catalogue does not know it', () => {
    expect(checkName('vendor-check', nb)).toBe('vendor-check');
    expect(checkName('promise', nb)).toBe(nb.checkNames.promise);
    expect(checkName('promise', nb)).not.toBe('promise');
  });

  it('the trace caption names the message, or says why there is no trace', () => {
    expect(traceCaption({ ...base, trace: undefined, traceStatus: 'nothing-failed' }, en)).toBe('Nothing was lost, so there is no failing trace.');
    expect(traceCaption({ ...base, trace: undefined, traceStatus: 'ledger-not-kept' }, nb)).toBe('Loggen ble ikke tatt vare på i denne kjøringen, så forløpet kan ikke vises; kjør på nytt med loggen.');
    const trace = { msg: 42, receiver: 'ulvik', fate: 'lost-silent' as const, reason: 'lost' as const, entries: [] };
    expect(traceCaption({ ...base, trace }, en)).toBe(`The first lost message, #42 to ulvik (${en.fateNames['lost-silent']}), with the faults around it.`);
    expect(traceCaption({ ...base, trace: { ...trace, reason: 'duplicate' } }, nb)).toBe(`Den første meldingen lagret to ganger, #42 til ulvik (${nb.fateNames['lost-silent']}), med feilene rundt den.`);
    expect(traceLines({ ...base, trace: undefined }, en)).toBeUndefined();
    expect(traceLines(base, en)?.length).toBeGreaterThan(0);
  });

  it('the tool name is said once, whichever form the version came in', () => {
    expect(toolName('0.1.0')).toBe('kvittering 0.1.0');
    expect(toolName('kvittering 0.1.0')).toBe('kvittering 0.1.0');
    expect(toolName('kvitteringen 2')).toBe('kvittering kvitteringen 2');
    expect(toolName('tool kvittering 1')).toBe('kvittering tool kvittering 1');
  });

  it('only a live run gets the note that its counts vary', () => {
    expect(rerunNotes(base, en)).toEqual([]);
    const live = { ...base, config: { ...base.config, runtime: 'live' } } as unknown as RunReport;
    expect(rerunNotes(live, en)).toEqual([en.liveRunNote]);
    expect(rerunNotes(live, nb)).toEqual([nb.liveRunNote]);
    const other = { ...base, config: { ...base.config, runtime: 'simulated' } } as unknown as RunReport;
    expect(rerunNotes(other, en)).toEqual([]);
  });
});
