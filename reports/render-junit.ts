// JUnit XML for CI: one <testsuite> per scenario and one <testcase> per oracle check. A scenario states
// the verdict it expects (it may assert that a setup is unsafe), so a testcase fails exactly when the
// run's verdict differs from the expected one and this check's own result is what made it differ;
// the failure body carries the verdict, the checks, the minimal failing trace and the repro command.
// No timestamps, hostnames or durations: the same run gives the same bytes.

import { verdictKey, type Validity } from '../harness/oracle/checks.js';
import type { Expectation, ReportCheck, RunReport } from './run-report.js';
import type { RenderOptions } from './render-options.js';
import { messagesFor, type Messages } from './i18n.js';
import { escapeXml } from './escape.js';
import { calibrationLines } from './calibration-text.js';
import { checkName, checkSummary, rerunNotes, traceCaption, traceLines, verdictLine } from './report-text.js';
import { localized } from '../harness/scenario/localized.js';

const wanted: Record<Expectation, Validity> = { pass: true, fail: false, unknown: 'unknown' };

/** The check contributes to a verdict that differs from the expected one. */
function failsCase(report: RunReport, check: ReportCheck): boolean {
  return !report.verdict.asExpected && check.valid !== wanted[report.verdict.expected];
}

function failureBody(report: RunReport, m: Messages): string {
  const lines = [`${m.verdict}: ${verdictLine(report, m)}`, ''];
  for (const c of report.verdict.checks) lines.push(`${m.verdictValue[verdictKey(c.valid)]}  ${checkName(c.name, m)}: ${checkSummary(c, m)}`);
  lines.push('', `${m.trace}: ${traceCaption(report, m)}`);
  for (const line of traceLines(report, m) ?? []) lines.push(`  ${line}`);
  lines.push('', `${m.reproduceWith}: ${report.reproducibility.command}`, ...rerunNotes(report, m));
  return lines.join('\n');
}

function suite(report: RunReport, m: Messages): { xml: string; tests: number; failures: number } {
  const id = report.meta.id;
  const cases = report.verdict.checks.map((c) => ({ c, failed: failsCase(report, c) }));
  const failures = cases.filter((x) => x.failed).length;
  const r = report.reproducibility;
  const out: string[] = [];
  out.push(`  <testsuite name="${escapeXml(`${id}: ${localized(report.meta.title, m.lang)}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0">`);
  out.push('    <properties>');
  const props: [string, string][] = [
    ['scenario', id], ['expected', report.verdict.expected], ['verdict', verdictKey(report.verdict.valid)],
    ['seed', String(r.seed)], ['toolVersion', r.toolVersion], ['scenarioHash', r.scenarioHash], ['command', r.command],
  ];
  if (report.meta.file !== undefined) props.push(['file', report.meta.file]);
  for (const [name, value] of props) out.push(`      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`);
  out.push('    </properties>');
  const body = failures > 0 ? escapeXml(failureBody(report, m)) : '';
  for (const { c, failed } of cases) {
    const name = `${checkName(c.name, m)} [${c.name}]`;
    const head = `    <testcase classname="${escapeXml(`kvittering.${id}`)}" name="${escapeXml(name)}" time="0"`;
    if (!failed) {
      out.push(`${head}/>`);
      continue;
    }
    const message = `${m.verdict} ${verdictLine(report, m)} — ${checkSummary(c, m)}`;
    out.push(`${head}>`);
    out.push(`      <failure message="${escapeXml(message)}" type="${escapeXml(`verdict-${verdictKey(report.verdict.valid)}`)}">${body}</failure>`);
    out.push('    </testcase>');
  }
  const calibration = report.calibration === undefined ? [] : ['', ...calibrationLines(report.calibration, m)];
  out.push(`    <system-out>${escapeXml([`${m.reproduceWith}: ${r.command}`, ...rerunNotes(report, m), ...calibration].join('\n'))}</system-out>`);
  out.push('  </testsuite>');
  return { xml: out.join('\n'), tests: cases.length, failures };
}

/** Several scenarios in one file, as `kvittering run <dir> --format junit` writes it. */
function renderJUnitSuite(reports: readonly RunReport[], options: RenderOptions): string {
  const m = messagesFor(options.lang);
  const suites = reports.map((r) => suite(r, m));
  const tests = suites.reduce((a, s) => a + s.tests, 0);
  const failures = suites.reduce((a, s) => a + s.failures, 0);
  const head = `<testsuites name="kvittering" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="0">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites.map((s) => s.xml), '</testsuites>', ''].join('\n');
}

function renderJUnit(report: RunReport, options: RenderOptions): string {
  return renderJUnitSuite([report], options);
}

export { renderJUnit, renderJUnitSuite };
