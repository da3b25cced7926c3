// The report for regulators: one self-contained HTML file (inline CSS and SVG; no scripts, fonts or
// requests — a Content-Security-Policy forbids them outright) that reads top to bottom as an argument:
// the verdict and key numbers, the story, what happened over time, what became of every message, how
// long losses went unnoticed against the retention window, one failing trace in full, the exact
// configuration, and how to reproduce the run to the byte. Prints cleanly on A4.

import { fates, type Fate } from '../harness/oracle/fates.js';
import type { FaultSpec } from '../harness/faults/fault-spec.js';
import type { RunReport } from './run-report.js';
import type { RenderOptions } from './render-options.js';
import { formatInteger, formatPercent, messagesFor, type Messages } from './i18n.js';
import { escapeXml as e } from './escape.js';
import { checkName, checkSummary, rerunNotes, toolName, traceCaption, traceLines, verdictLine } from './report-text.js';
import { timelineChart, faultKindsOf } from './charts/timeline-chart.js';
import { fateChart } from './charts/fate-chart.js';
import { detectionChart } from './charts/detection-chart.js';
import { fateColours, faultColour, writeFailureColour } from './palette.js';
import { localized } from '../harness/scenario/localized.js';
import { calibrationText } from './calibration-text.js';
import { verdictKey } from '../harness/oracle/checks.js';

const MAX_GROUPS = 6;
const MAX_IDS = 30;

const style = `
:root { --ink: #1d2128; --muted: #5d6570; --line: #d9dde3; --soft: #f4f6f8; --pass: #2f7d4f; --fail: #9b1420; --unknown: #8a6d00; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 32px 24px 64px; }
header { border-bottom: 3px solid var(--ink); padding-bottom: 16px; margin-bottom: 8px; }
.eyebrow { color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 12px; margin: 0; }
h1 { font-size: 28px; line-height: 1.2; margin: 6px 0 12px; overflow-wrap: anywhere; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
p { margin: 6px 0; }
.verdict { display: inline-block; font-weight: 700; font-size: 18px; padding: 6px 14px; border-radius: 4px; color: #fff; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); } .verdict.unknown { background: var(--unknown); }
.expectation { margin-left: 10px; font-weight: 600; }
.expectation.off { color: var(--fail); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(112px, 1fr)); gap: 10px; margin: 18px 0 4px; }
.card { border: 1px solid var(--line); border-top: 5px solid var(--c); border-radius: 4px; padding: 8px 10px; break-inside: avoid; }
.card .num { font-size: 26px; font-weight: 700; font-variant-numeric: tabular-nums; display: block; }
.card .lbl { font-size: 13px; color: var(--muted); }
.narrative p { max-width: 72ch; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; }
tr.differs td { background: #fbf7e6; }
tr.differs td:first-child { box-shadow: inset 3px 0 0 var(--unknown); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.state { font-weight: 700; white-space: nowrap; }
.state.pass { color: var(--pass); } .state.fail { color: var(--fail); } .state.unknown { color: var(--unknown); }
.chart { width: 100%; height: auto; display: block; margin: 6px 0; }
.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
.chart .tick { fill: var(--muted); font-size: 11px; }
.chart .axis-title { fill: var(--muted); font-size: 12px; }
.chart .label { font-size: 13px; }
.chart .value { font-size: 13px; font-weight: 700; }
.chart .muted { fill: var(--muted); font-weight: 400; }
.chart .grid { stroke: #eceef1; stroke-width: 1; }
.chart .axis { stroke: var(--muted); stroke-width: 1; }
.chart .track { fill: var(--soft); }
.chart .too-late { fill: #9b1420; fill-opacity: .06; }
.chart .retention { stroke: var(--fail); stroke-width: 2; stroke-dasharray: 6 4; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 4px 0; font-size: 13px; color: var(--muted); padding: 0; list-style: none; }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.legend svg { width: 12px; height: 12px; }
.caption { color: var(--muted); font-size: 13px; }
.note { border-left: 4px solid var(--unknown); background: #fbf7e6; padding: 6px 10px; margin: 10px 0; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 10px 12px; overflow-x: auto; font: 12.5px/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; white-space: pre; }
code { font: 13px ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
dl.repro { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
dl.repro dt { color: var(--muted); } dl.repro dd { margin: 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  section, figure, table, pre { break-inside: avoid; }
  pre { white-space: pre-wrap; }
  .cards { grid-template-columns: repeat(7, 1fr); gap: 6px; }
  .card { padding: 4px 6px; }
  .card .num { font-size: 18px; }
}
@page { size: A4; margin: 16mm 14mm; }
`;

function swatch(colour: string, opacity = 1): string {
  return `<svg viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" fill="${colour}" fill-opacity="${opacity}"/></svg>`;
}

function stateCell(valid: true | false | 'unknown', m: Messages): string {
  const key = verdictKey(valid);
  return `<span class="state ${key}">${e(m.verdictValue[key])}</span>`;
}

function paragraphs(text: string): string {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '').map((p) => `<p>${e(p.replace(/\s*\n\s*/g, ' '))}</p>`).join('\n');
}

/** A parameter's value as a person reads it: durations for *Ms, the raw value otherwise. */
function paramValue(key: string, value: unknown, m: Messages): string {
  if (value === 0 && key.endsWith('Ms')) return '0';
  if (typeof value === 'number' && key.endsWith('Ms')) return `${m.duration(value)} <span class="caption">(${e(String(value))})</span>`;
  if (typeof value === 'number') return e(String(value));
  // Strings and booleans are settings' identifiers ("before-commit", "push", true): the same in every language.
  return `<code>${e(typeof value === 'string' ? value : JSON.stringify(value))}</code>`;
}

function flatten(prefix: string, value: object): [string, unknown][] {
  const rows: [string, unknown][] = [];
  for (const [key, v] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) rows.push(...flatten(path, v as object));
    else rows.push([path, v]);
  }
  return rows;
}

function paramTable(rows: [string, unknown][], m: Messages): string {
  const body = rows.map(([k, v]) => `<tr><td><code>${e(k)}</code></td><td>${paramValue(k.split('.').pop() ?? k, v, m)}</td></tr>`).join('\n');
  return `<table><thead><tr><th>${e(m.parameter)}</th><th>${e(m.value)}</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * Receivers side by side, one column per group of identical settings (so 242 municipalities make a
 * handful of columns, not 242 tables); rows where the groups differ are marked.
 */
/** Receivers grouped by identical settings; a simulated ReceiverConfig or a live run's summary. */
function receiverTable(receivers: readonly { id: string }[], m: Messages): string {
  const groups = new Map<string, { ids: string[]; values: Map<string, unknown> }>();
  for (const r of receivers) {
    const { id: _id, ...rest } = r;
    const key = JSON.stringify(rest);
    const group = groups.get(key) ?? { ids: [], values: new Map(flatten('', rest)) };
    group.ids.push(r.id);
    groups.set(key, group);
  }
  const shown = [...groups.values()].slice(0, MAX_GROUPS);
  const keys = [...new Set(shown.flatMap((g) => [...g.values.keys()]))];
  const head = shown.map((g) => {
    const ids = g.ids.slice(0, MAX_IDS).map((id) => `<code>${e(id)}</code>`).join(', ');
    const more = g.ids.length > MAX_IDS ? ` … (+${formatInteger(g.ids.length - MAX_IDS, m)})` : '';
    return `<th>${ids}${more}</th>`;
  }).join('');
  const rows = keys.map((k) => {
    const cells = shown.map((g) => g.values.get(k));
    const differs = new Set(cells.map((c) => JSON.stringify(c))).size > 1;
    const leaf = k.split('.').pop() ?? k;
    return `<tr${differs ? ' class="differs"' : ''}><td><code>${e(k)}</code></td>${cells.map((c) => `<td>${c === undefined ? '–' : paramValue(leaf, c, m)}</td>`).join('')}</tr>`;
  }).join('\n');
  const out = [`<h3>${e(m.receivers)} (${formatInteger(receivers.length, m)})</h3>`,
    `<table class="params"><thead><tr><th>${e(m.parameter)}</th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`];
  const hidden = receivers.length - shown.reduce((a, g) => a + g.ids.length, 0);
  if (hidden > 0) out.push(`<p class="caption">${e(m.moreReceivers(formatInteger(hidden, m)))}</p>`);
  if (shown.length > 1) out.push(`<p class="caption">${e(m.differsNote)}</p>`);
  return out.join('\n');
}

function faultTable(faults: readonly FaultSpec[], m: Messages): string {
  if (faults.length === 0) return `<p>${e(m.noFaults)}</p>`;
  const rows = faults.map((f) => {
    const { kind, targets, ...params } = f;
    const cells = Object.entries(params).map(([k, v]) => `<code>${e(k)}</code> ${paramValue(k, v, m)}`).join('<br>');
    return `<tr><td><code>${e(kind)}</code></td><td>${targets === undefined ? '*' : targets.map((t) => `<code>${e(t)}</code>`).join(', ')}</td><td>${cells}</td></tr>`;
  }).join('\n');
  return `<table><thead><tr><th>${e(m.faultKind)}</th><th>${e(m.faultTargets)}</th><th>${e(m.parameter)}</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function workloadTable(report: RunReport, m: Messages): string {
  const { messages, ...rest } = report.config.workload as { messages?: readonly unknown[] };
  const rows = flatten('', rest).map(([k, v]): [string, unknown] => [k, v]);
  if (messages !== undefined) rows.unshift(['messages', m.explicitMessages(formatInteger(messages.length, m))]);
  return paramTable(rows, m);
}

function renderHtml(report: RunReport, options: RenderOptions): string {
  const m = messagesFor(options.lang);
  const v = report.verdict;
  const i = (x: number) => formatInteger(x, m);
  const key = verdictKey(v.valid);
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push(`<html lang="${m.lang === 'nb' ? 'nb' : 'en'}">`);
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${e(`${localized(report.meta.title, m.lang)} — ${m.reportTitle}`)}</title>`);
  out.push(`<style>${style}</style>`);
  out.push('</head>');
  out.push('<body><main>');

  // Verdict and the numbers that matter, first.
  out.push('<header>');
  out.push(`<p class="eyebrow">${e(m.reportTitle)} · <code>${e(report.meta.id)}</code></p>`);
  out.push(`<h1>${e(localized(report.meta.title, m.lang))}</h1>`);
  out.push(`<p><span class="verdict ${key}" id="verdict" data-verdict="${key}">${e(m.verdict)}: ${e(m.verdictValue[key])}</span>`
    + `<span class="expectation${v.asExpected ? '' : ' off'}">${e(`${m.expected} ${m.verdictValue[v.expected]} — ${v.asExpected ? m.asExpected : m.notAsExpected}`)}</span></p>`);
  out.push('<div class="cards">');
  out.push(`<div class="card" style="--c: var(--ink)"><span class="num" data-count="total">${i(v.total)}</span><span class="lbl">${e(m.messages)}</span></div>`);
  for (const f of fates) {
    out.push(`<div class="card" style="--c: ${fateColours[f]}"><span class="num" data-count="${f}">${i(v.counts[f])}</span><span class="lbl">${e(m.fateNames[f])}</span></div>`);
  }
  out.push('</div>');
  out.push('</header>');

  out.push(`<section class="narrative"><h2>${e(m.narrative)}</h2>${paragraphs(localized(report.meta.narrative, m.lang))}</section>`);

  out.push(`<section><h2>${e(m.checks)}</h2><table><thead><tr><th>${e(m.check)}</th><th>${e(m.result)}</th><th>${e(m.summary)}</th></tr></thead><tbody>`);
  for (const c of v.checks) out.push(`<tr><td>${e(checkName(c.name, m))}</td><td>${stateCell(c.valid, m)}</td><td>${e(checkSummary(c, m))}</td></tr>`);
  out.push('</tbody></table>');
  out.push(`<p class="caption">${e(m.horizonLine(m.instant(report.horizon.horizonMs), m.instant(report.horizon.requiredHorizonMs)))} ${i(report.horizon.eventsRun)} ${e(m.eventsRun)}, ${i(report.horizon.ledgerEntries)} ${e(m.ledgerEntries)}.</p>`);
  if (!report.horizon.reached) out.push(`<p class="note">${e(m.horizonShort)}</p>`);
  if (!report.horizon.complete) out.push(`<p class="note">${e(m.stoppedEarly)}</p>`);
  out.push('</section>');

  // Timeline.
  const t = report.timeline;
  const bucket = t.bucketMs < 86_400_000 ? m.bucketHour : t.bucketMs === 86_400_000 ? m.bucketDay : m.bucketWeek;
  const withWrites = t.source === 'ledger';
  const kinds = faultKindsOf(t);
  out.push(`<section><h2>${e(m.timeline)}</h2><p class="caption">${e(m.timelineCaption(bucket))}</p>`);
  out.push('<figure style="margin:0">');
  out.push(timelineChart(t, m, withWrites));
  out.push('<ul class="legend">');
  for (const f of fates) out.push(`<li>${swatch(fateColours[f])}${e(m.fateNames[f])}</li>`);
  if (withWrites) out.push(`<li>${swatch(writeFailureColour)}${e(m.writeFailures)}</li>`);
  for (const k of kinds) out.push(`<li>${swatch(faultColour(kinds, k), 0.5)}${e(`${m.faultWindows}: ${k}`)}</li>`);
  out.push('</ul></figure>');
  if (!withWrites) out.push(`<p class="caption">${e(m.timelineNoLedger)}</p>`);
  out.push('</section>');

  // Fates.
  out.push(`<section><h2>${e(m.fates)}</h2>`);
  out.push(fateChart(v, m));
  out.push(`<table><thead><tr><th>${e(m.fate)}</th><th class="n">${e(m.messages)}</th><th class="n">${e(m.share)}</th><th></th></tr></thead><tbody>`);
  // The late-loss caption says which it was: found in time but not restored, or found after the purge.
  const explain = (f: Fate) => (f === 'lost-detected-late' ? m.lateExplain(report.detection.lateInWindow, report.detection.late - report.detection.lateInWindow) : m.fateExplain[f]);
  for (const f of fates) out.push(`<tr><td>${swatch(fateColours[f]).replace('<svg ', '<svg style="width:10px;height:10px;margin-right:6px" ')}${e(m.fateNames[f])}</td><td class="n">${i(v.counts[f])}</td><td class="n">${e(formatPercent(v.counts[f], v.total, m))}</td><td class="caption">${e(explain(f))}</td></tr>`);
  out.push(`<tr><th>${e(m.total)}</th><th class="n">${i(v.total)}</th><th></th><th></th></tr>`);
  out.push('</tbody></table>');
  if (v.timeToFallback !== undefined) {
    const d = v.timeToFallback;
    out.push(`<p class="caption">${e(`${m.timeToFallback}: ${m.minimum} ${m.duration(d.minMs)}, ${m.median} ${m.duration(d.medianMs)}, ${m.p95} ${m.duration(d.p95Ms)}, ${m.maximum} ${m.duration(d.maxMs)}`)}</p>`);
  }
  if (report.receivers.total > 1) {
    const r = report.receivers;
    out.push(`<h3>${e(m.affected)}</h3><p>${e(m.affectedLine(i(r.affected), i(r.total)))}</p>`);
    if (r.worst.length > 0) {
      out.push(`<table><thead><tr><th>${e(m.receiver)}</th><th class="n">${e(m.messages)}</th><th class="n">${e(m.lost)}</th><th class="n">${e(m.fateNames.recovered)}</th><th class="n">${e(m.fateNames.fallback)}</th></tr></thead><tbody>`);
      for (const w of r.worst) out.push(`<tr><td><code>${e(w.id)}</code></td><td class="n">${i(w.sent)}</td><td class="n">${i(w.lost)}</td><td class="n">${i(w.recovered)}</td><td class="n">${i(w.fallback)}</td></tr>`);
      out.push('</tbody></table>');
    }
  }
  out.push('</section>');

  // Time to detection against the retention window.
  const d = report.detection;
  out.push(`<section><h2>${e(m.detection)}</h2><p class="caption">${e(m.detectionCaption(m.duration(d.retentionMs)))}</p>`);
  if (d.distribution === undefined) {
    out.push(`<p>${e(m.noDetections)}</p>`);
  } else {
    out.push(detectionChart(d, m));
    out.push('<ul class="legend">');
    out.push(`<li>${swatch(fateColours.recovered)}${e(m.detectedInside)}: ${i(d.inWindow)}</li>`);
    if (d.lateInWindow > 0) out.push(`<li>${swatch(fateColours['lost-detected-late'])}${e(m.detectedNotRestored)}: ${i(d.lateInWindow)}</li>`);
    out.push(`<li>${swatch(fateColours['lost-detected-late'])}${e(m.detectedLate)}: ${i(d.late - d.lateInWindow)}</li>`);
    out.push('</ul>');
    const x = d.distribution;
    out.push(`<table><thead><tr><th>${e(m.timeToDetection)}</th><th class="n">${e(m.minimum)}</th><th class="n">${e(m.median)}</th><th class="n">${e(m.p95)}</th><th class="n">${e(m.maximum)}</th><th class="n">${e(m.retentionWindow)}</th></tr></thead><tbody>`);
    out.push(`<tr><td>${i(x.count)} ${e(m.messages.toLowerCase())}</td><td class="n">${e(m.duration(x.minMs))}</td><td class="n">${e(m.duration(x.medianMs))}</td><td class="n">${e(m.duration(x.p95Ms))}</td><td class="n">${e(m.duration(x.maxMs))}</td><td class="n">${e(m.duration(d.retentionMs))}</td></tr>`);
    out.push('</tbody></table>');
  }
  if (d.silent > 0) out.push(`<p class="note">${e(m.silentNeverDetected(i(d.silent)))}</p>`);
  out.push('</section>');

  // The comparison with the source figures, when the scenario quotes them.
  if (report.calibration !== undefined) {
    const t = calibrationText(report.calibration, m);
    out.push(`<section id="calibration"><h2>${e(m.calibration)}</h2><p class="caption">${e(t.caption)}</p>`);
    out.push(`<table><thead><tr>${t.head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>`);
    t.rows.forEach((row, k) => {
      const mark = t.within[k] === false ? ' class="differs"' : '';
      out.push(`<tr${mark}>${row.map((cell, j) => (j === row.length - 1 ? `<td class="caption">${e(cell)}</td>` : `<td>${e(cell)}</td>`)).join('')}</tr>`);
    });
    out.push('</tbody></table>');
    if (t.categories.length > 0) out.push(`<h3>${e(m.categories)}</h3><table><tbody>${t.categories.map(([name, value]) => `<tr><td>${e(name)}</td><td>${e(value)}</td></tr>`).join('')}</tbody></table>`);
    out.push(`<h3>${e(m.assumptions)}</h3><ul>${t.assumptions.map((a) => `<li>${e(a)}</li>`).join('')}</ul>`);
    out.push('</section>');
  }

  // The failing trace.
  out.push(`<section><h2>${e(m.trace)}</h2><p class="caption">${e(traceCaption(report, m))}</p>`);
  const lines = traceLines(report, m);
  if (lines !== undefined) out.push(`<pre id="trace">${e(lines.join('\n'))}</pre>`);
  out.push('</section>');

  // Configuration: every parameter and fault.
  out.push(`<section><h2>${e(m.configuration)}</h2>`);
  out.push(`<h3>${e(m.portal)}</h3>`);
  out.push(paramTable(flatten('', report.config.portal), m));
  out.push(receiverTable(report.config.receivers, m));
  out.push(`<h3>${e(m.workload)}</h3>`);
  out.push(workloadTable(report, m));
  out.push(`<h3>${e(m.faultPlan)}</h3>`);
  out.push(faultTable(report.config.faults, m));
  out.push('</section>');

  // Reproducibility.
  const r = report.reproducibility;
  out.push(`<section><h2>${e(m.reproducibility)}</h2><dl class="repro">`);
  out.push(`<dt>${e(m.toolVersion)}</dt><dd><code>${e(r.toolVersion)}</code></dd>`);
  out.push(`<dt>${e(m.scenarioHash)}</dt><dd><code>${e(r.scenarioHash)}</code></dd>`);
  out.push(`<dt>${e(m.seed)}</dt><dd><code>${r.seed}</code></dd>`);
  if (report.meta.file !== undefined) out.push(`<dt>${e(m.scenarioFile)}</dt><dd><code>${e(report.meta.file)}</code></dd>`);
  out.push('</dl>');
  out.push(`<p>${e(m.reproduceWith)}:</p><pre id="command">${e(r.command)}</pre>`);
  for (const note of rerunNotes(report, m)) out.push(`<p>${e(note)}</p>`);
  out.push('</section>');
  out.push(`<footer>${e(toolName(r.toolVersion))} · <code>${e(report.meta.id)}</code> · ${e(verdictLine(report, m))}</footer>`);
  out.push('</main></body></html>');
  return `${out.join('\n')}\n`;
}

export { renderHtml };
