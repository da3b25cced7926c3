// Sentences more than one renderer prints — the verdict line, each check's summary, the trace — built
// once from the report and the message catalogue, so Markdown, JUnit and HTML always agree.

import { formatTrace } from '../harness/oracle/trace.js';
import type { ReportCheck, RunReport } from './run-report.js';
import { formatInteger, type Messages } from './i18n.js';
import { verdictKey } from '../harness/oracle/checks.js';
import { isLiveRun, liveStopReasons } from '../harness/runner/run-result.js';

/** "FAIL (expected FAIL — as expected)". */
function verdictLine(report: RunReport, m: Messages): string {
  const v = report.verdict;
  const got = m.verdictValue[verdictKey(v.valid)];
  const expected = m.verdictValue[v.expected];
  return `${got} (${m.expected} ${expected} — ${v.asExpected ? m.asExpected : m.notAsExpected})`;
}

/** The lines said under the rerun command: for a live run, that its counts vary (none for a simulated one). */
function rerunNotes(report: RunReport, m: Messages): string[] {
  return isLiveRun(report.config) ? [m.liveRunNote] : [];
}

function checkName(name: string, m: Messages): string {
  return m.checkNames[name] ?? name;
}

/**
 * A check's one-line summary in the report's language. The oracle's checks return their numbers as
 * data and say them in English; here the built-in checks are worded in Norwegian from that data. A
 * check this file does not know (or a result without the numbers) keeps its own text.
 */
function checkSummary(check: ReportCheck, m: Messages): string {
  if (m.lang === 'en') return check.summary;
  const i = (x: number | undefined) => formatInteger(x ?? 0, m);
  const d = check.data ?? {};
  const has = (...keys: string[]) => keys.every((k) => typeof d[k] === 'number');
  if (check.name === 'promise') {
    if (check.valid === false && has('lost', 'silent', 'late')) {
      const resent = d.resent ?? 0;
      return `${i(d.lost)} meldinger tapt: ${i(d.silent)} i stillhet, ${i(d.late)} oppdaget, men ikke gjenopprettet før portalen slettet dem${resent > 0 ? `, ${i(resent)} sendt på nytt av melder uten at feilen ble registrert` : ''}`;
    }
    if (check.valid === 'unknown' && has('inFlight')) return `ingen tap ennå, men ${i(d.inFlight)} meldinger er fortsatt underveis ved horisonten`;
    if (check.valid === true) return 'hver melding lagret, skrevet ut eller gjenopprettet innenfor oppbevaringsvinduet';
  }
  if (check.name === 'duplicates') {
    if (check.valid === true) return 'ingen melding lagret to ganger';
    if (check.valid === false && has('storedTwice')) return `${i(d.storedTwice)} meldinger lagret mer enn én gang`;
  }
  if (check.name === 'horizon') {
    if (check.valid === true) return 'horisonten når forbi hvert oppbevaringsvindu';
    if (check.valid === 'unknown' && has('shortByHours')) return `horisonten slutter ${i(d.shortByHours)} t før siste oppbevaringsvindu lukkes`;
  }
  return liveCheckSummary(check, m) ?? check.summary;
}

/**
 * The live run's own checks in Norwegian, from their numbers. Where a summary lists what went wrong
 * (a server's error, a fault's reason, a window's name), that list is kept as written after a
 * Norwegian lead-in: it is the server's and the profile's own words.
 */
function liveCheckSummary(check: ReportCheck, m: Messages): string | undefined {
  const i = (x: number | undefined) => formatInteger(x ?? 0, m);
  const d = check.data ?? {};
  if (check.name === 'faults-applied') {
    if (check.valid === true) {
      if (d.applied === undefined) return 'hver feil planlagt på databasen fikk virkning';
      return d.applied === 0 ? 'ingen feil på systemet var planlagt' : `hver planlagt feil fikk virkning (${i(d.applied)} bekreftet på tjeneren eller i prosessen)`;
    }
    if (check.valid === 'unknown' && d.failed !== undefined) return `${i(d.failed)} planlagte feilhandlinger kunne ikke utføres — ${check.summary}`;
  }
  if (check.name === 'faults-met-reports') {
    if (check.valid === true && d.windows !== undefined) return d.windows === 0 ? 'ingen lagringsfeilvindu var planlagt' : `alle ${i(d.windows)} lagringsfeilvinduer traff meldinger`;
    if (check.valid === 'unknown' && d.unmet !== undefined) return `${i(d.unmet)} av ${i(d.windows)} lagringsfeilvinduer traff ingen melding og ${i(d.neverOpened)} åpnet aldri, så kjøringen sier ingenting om dem — ${check.summary}`;
  }
  if (check.name === 'storage-probe' && d.made !== undefined && d.failed !== undefined) {
    if (check.valid === true) return d.failed === 0 ? `${i(d.made)} lesinger av systemets lager svarte` : `${i(d.failed)} av ${i(d.made)} lesinger av systemets lager feilet; en senere lesing svarte for hver melding de spurte om`;
    if (check.valid === 'unknown') return `${i(d.failed)} av ${i(d.made)} lesinger av systemets lager feilet — ${check.summary}`;
  }
  if (check.name === 'system' && d.problems !== undefined) {
    if (check.valid === true) return d.startedByKvittering === 1 ? 'holdt seg oppe bortsett fra de planlagte feilene' : d.startedByKvittering === 0 ? 'svarte hele tiden (ikke startet av kvittering)' : 'svarte hele tiden, bortsett fra de planlagte feilene';
    return `${i(d.problems)} problem(er) med systemet — ${check.summary}`;
  }
  if (check.name === 'complete' && d.stoppedBecause !== undefined) {
    const reasons: Record<number, string> = {
      [liveStopReasons.stopped]: 'kjøringen ble stoppet før horisonten',
      [liveStopReasons.neverReady]: 'kjøringen ble stoppet fordi systemet aldri ble klart',
      [liveStopReasons.brokerUnreachable]: `kjøringen kunne ikke starte: portalen nådde ikke Fiks IO-megleren — ${check.summary}`,
      [liveStopReasons.didNotStart]: 'kjøringen startet ikke',
    };
    return reasons[d.stoppedBecause];
  }
  return undefined;
}

/** The minimal failing trace as aligned lines, or undefined when there is none to show. */
function traceLines(report: RunReport, m: Messages): string[] | undefined {
  const t = report.trace;
  return t === undefined ? undefined : formatTrace({ msg: t.msg, receiver: t.receiver, entries: t.entries }, m.tracePhrases);
}

function traceCaption(report: RunReport, m: Messages): string {
  const t = report.trace;
  if (t === undefined) return report.traceStatus === 'ledger-not-kept' ? m.traceNeedsLedger : m.noTrace;
  return m.traceCaption(String(t.msg), t.receiver, m.fateNames[t.fate], t.reason);
}

/** "kvittering 0.1.0", whether the caller passed "0.1.0" or "kvittering 0.1.0". */
function toolName(version: string): string {
  return /^kvittering\b/.test(version) ? version : `kvittering ${version}`;
}

export { verdictLine, checkName, checkSummary, traceLines, traceCaption, toolName, rerunNotes };
