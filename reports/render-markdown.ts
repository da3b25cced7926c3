// The pull-request comment: a verdict line a reviewer reads at a glance, the fate table, the checks,
// time to detection against the retention window, the failing trace in a code block, and the command
// that reproduces it. Scenario text is escaped so a title cannot inject Markdown or HTML.

import { fates } from '../harness/oracle/fates.js';
import type { RunReport } from './run-report.js';
import type { RenderOptions } from './render-options.js';
import { formatInteger, formatPercent, messagesFor } from './i18n.js';
import { escapeMarkdown, markdownCode, markdownCodeBlock } from './escape.js';
import { calibrationText } from './calibration-text.js';
import { checkName, checkSummary, rerunNotes, toolName, traceCaption, traceLines, verdictLine } from './report-text.js';
import { localized } from '../harness/scenario/localized.js';
import { verdictKey } from '../harness/oracle/checks.js';

const icon = { pass: '✅', fail: '❌', unknown: '❔' } as const;

function renderMarkdown(report: RunReport, options: RenderOptions): string {
  const m = messagesFor(options.lang);
  const v = report.verdict;
  const i = (x: number) => formatInteger(x, m);
  const out: string[] = [];
  const mark = v.asExpected ? icon[verdictKey(v.valid)] : '🚨';
  out.push(`### ${mark} ${escapeMarkdown(localized(report.meta.title, m.lang))}`);
  out.push('');
  out.push(`**${escapeMarkdown(m.verdict)}: ${escapeMarkdown(verdictLine(report, m))}** · ${markdownCode(report.meta.id)} · ${escapeMarkdown(m.seed)} ${report.reproducibility.seed} · ${i(v.total)} ${escapeMarkdown(m.messages.toLowerCase())}`);
  out.push('');
  out.push(`| ${m.fate} | ${m.messages} | ${m.share} |`);
  out.push('| --- | ---: | ---: |');
  for (const f of fates) out.push(`| ${escapeMarkdown(m.fateNames[f])} | ${i(v.counts[f])} | ${formatPercent(v.counts[f], v.total, m)} |`);
  out.push(`| **${escapeMarkdown(m.total)}** | **${i(v.total)}** | |`);
  out.push('');
  out.push(`**${escapeMarkdown(m.checks)}**`);
  out.push('');
  for (const c of v.checks) out.push(`- ${icon[verdictKey(c.valid)]} **${escapeMarkdown(checkName(c.name, m))}** — ${escapeMarkdown(checkSummary(c, m))}`);
  out.push('');
  const d = report.detection;
  const ttd = d.distribution;
  const retention = m.duration(d.retentionMs);
  out.push(`**${escapeMarkdown(m.detection)}** (${escapeMarkdown(m.retentionWindow)} ${escapeMarkdown(retention)})`);
  out.push('');
  if (ttd === undefined) out.push(`- ${escapeMarkdown(m.noDetections)}`);
  else out.push(`- ${escapeMarkdown(`${m.minimum} ${m.duration(ttd.minMs)} · ${m.median} ${m.duration(ttd.medianMs)} · ${m.p95} ${m.duration(ttd.p95Ms)} · ${m.maximum} ${m.duration(ttd.maxMs)}`)}`);
  // A late loss found in time is not one found after the purge: each gets its own count (shown when any).
  const notRestored = d.lateInWindow > 0 ? ` · ${m.detectedNotRestored}: ${i(d.lateInWindow)}` : '';
  out.push(`- ${escapeMarkdown(`${m.detectedInside}: ${i(d.inWindow)}${notRestored} · ${m.detectedLate}: ${i(d.late - d.lateInWindow)} · ${m.neverDetected}: ${i(d.silent)}`)}`);
  if (report.receivers.total > 1) {
    out.push('');
    out.push(`**${escapeMarkdown(m.affected)}**: ${escapeMarkdown(m.affectedLine(i(report.receivers.affected), i(report.receivers.total)))}`);
  }
  if (!report.horizon.reached) out.push('', `⚠️ ${escapeMarkdown(m.horizonShort)}`);
  if (!report.horizon.complete) out.push('', `⚠️ ${escapeMarkdown(m.stoppedEarly)}`);
  out.push('');
  if (report.calibration !== undefined) {
    const t = calibrationText(report.calibration, m);
    out.push(`**${escapeMarkdown(m.calibration)}**: ${escapeMarkdown(t.caption)}`, '');
    out.push(`| ${t.head.map(escapeMarkdown).join(' | ')} |`, '| --- | ---: | ---: | ---: | --- | --- |');
    for (const row of t.rows) out.push(`| ${row.map(escapeMarkdown).join(' | ')} |`);
    if (t.categories.length > 0) out.push('', `**${escapeMarkdown(m.categories)}**`, '');
    for (const [name, value] of t.categories) out.push(`- ${escapeMarkdown(name)}: ${escapeMarkdown(value)}`);
    out.push('', `**${escapeMarkdown(m.assumptions)}**`, '');
    for (const a of t.assumptions) out.push(`- ${escapeMarkdown(a)}`);
    out.push('');
  }
  out.push(`**${escapeMarkdown(m.trace)}**: ${escapeMarkdown(traceCaption(report, m))}`);
  const lines = traceLines(report, m);
  if (lines !== undefined) out.push('', markdownCodeBlock(lines.join('\n'), 'text'));
  out.push('');
  out.push(`**${escapeMarkdown(m.reproduceWith)}**`);
  out.push('');
  out.push(markdownCodeBlock(report.reproducibility.command, 'sh'));
  out.push('');
  for (const note of rerunNotes(report, m)) out.push(escapeMarkdown(note), '');
  const r = report.reproducibility;
  out.push(`<sub>${escapeMarkdown(toolName(r.toolVersion))} · ${escapeMarkdown(m.scenarioHash.toLowerCase())} ${markdownCode(r.scenarioHash)}${report.meta.file === undefined ? '' : ` · ${markdownCode(report.meta.file)}`}</sub>`);
  return `${out.join('\n')}\n`;
}

export { renderMarkdown };
