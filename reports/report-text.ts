// Sentences more than one renderer prints — the verdict line, each check's summary, the trace — built
// once from the report and the message catalogue, so Markdown, JUnit and HTML always agree.

import { formatTrace } from '../harness/oracle/trace.js';
import type { ReportCheck, RunReport } from './run-report.js';
import { formatInteger, verdictKey, type Messages } from './i18n.js';

/** "FAIL (expected FAIL — as expected)". */
function verdictLine(report: RunReport, m: Messages): string {
  const v = report.verdict;
  const got = m.verdictValue[verdictKey(v.valid)];
  const expected = m.verdictValue[v.expected];
  return `${got} (${m.expected} ${expected} — ${v.asExpected ? m.asExpected : m.notAsExpected})`;
}

function checkName(name: string, m: Messages): string {
  return m.checkNames[name] ?? name;
}

/**
 * A check's one-line summary in the report's language. The oracle writes English; for Norwegian the
 * built-in checks are re-said from the report's own numbers, and an unknown check keeps its text.
 */
function checkSummary(check: ReportCheck, report: RunReport, m: Messages): string {
  if (m.lang === 'en') return check.summary;
  const c = report.verdict.counts;
  const i = (x: number) => formatInteger(x, m);
  if (check.name === 'promise') {
    const resent = c['resent-by-reporter'];
    const lost = c['lost-silent'] + c['lost-detected-late'] + resent;
    if (check.valid === false && lost > 0) {
      return `${i(lost)} meldinger tapt: ${i(c['lost-silent'])} i stillhet, ${i(c['lost-detected-late'])} oppdaget etter at portalen slettet dem${resent > 0 ? `, ${i(resent)} sendt på nytt av melder uten at feilen ble registrert` : ''}`;
    }
    if (check.valid === 'unknown' && c['in-flight'] > 0) return `ingen tap ennå, men ${i(c['in-flight'])} meldinger er fortsatt underveis ved horisonten`;
    if (check.valid === true) return 'hver melding lagret, skrevet ut eller gjenopprettet innenfor oppbevaringsvinduet';
  }
  if (check.name === 'duplicates') {
    if (check.valid === true) return 'ingen melding lagret to ganger';
    const counted = /^(\d+) /.exec(check.summary)?.[1];
    if (check.valid === false && counted !== undefined) return `${i(Number(counted))} meldinger lagret mer enn én gang`;
  }
  if (check.name === 'horizon') {
    const h = report.horizon;
    if (check.valid === true) return 'horisonten når forbi hvert oppbevaringsvindu';
    if (check.valid === 'unknown' && !h.reached) return `horisonten slutter ${i(Math.ceil((h.requiredHorizonMs - h.horizonMs) / 3_600_000))} t før siste oppbevaringsvindu lukkes`;
  }
  return check.summary;
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

export { verdictLine, checkName, checkSummary, traceLines, traceCaption, toolName };
