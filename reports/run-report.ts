// A RunReport is everything a renderer may show about one run, distilled from the SimulationResult into
// plain serialisable data. Building it is pure: no clock, no paths, no environment — the same result
// and metadata always give the same report, and so byte-identical rendered output.

import type { RunConfig, RunResult } from '../harness/runner/run-result.js';
import type { LedgerEntry } from '../harness/ledger/entries.js';
import type { Validity } from '../harness/oracle/checks.js';
import type { Distribution } from '../harness/oracle/oracle.js';
import type { Fate, MessageFate } from '../harness/oracle/fates.js';
import { traceOf } from '../harness/oracle/trace.js';
import { KvitteringError } from '../harness/errors.js';
import { redactValue } from '../harness/redact.js';
import { DAY_MS } from '../harness/runtime/time.js';
import { retentionMs as retentionOf } from '../harness/runner/horizon.js';
import { buildTimeline, WEEK_MS, type Timeline } from './timeline.js';
import type { Localized } from '../harness/scenario/localized.js';
import type { Calibration } from '../harness/scenario/calibration.js';

type Expectation = 'pass' | 'fail' | 'unknown';

interface ScenarioMeta {
  id: string;
  /** A plain string, or { en, nb }: renderers show the report's language. */
  title: Localized;
  /** Plain-language story of the scenario, for regulators. Paragraphs separated by blank lines. */
  narrative: Localized;
  expected: Expectation;
  /** The scenario file, relative to the project (never an absolute path: reports must be portable). */
  file?: string;
}

interface Reproducibility {
  toolVersion: string;
  scenarioHash: string;
  seed: number;
  /** The exact command that reruns this report to the byte. */
  command: string;
}

interface ReportCheck {
  name: string;
  valid: Validity;
  summary: string;
  /** The numbers the summary states (CheckResult.data), which renderers word in the report's language. */
  data?: Record<string, number>;
  offenders: number[];
}

interface ReportVerdict {
  valid: Validity;
  expected: Expectation;
  /** The verdict is what the scenario said it would be (a scenario may assert a setup is unsafe). */
  asExpected: boolean;
  checks: ReportCheck[];
  counts: Record<Fate, number>;
  total: number;
  timeToDetection?: Distribution;
  timeToFallback?: Distribution;
}

interface HorizonReport {
  horizonMs: number;
  requiredHorizonMs: number;
  reached: boolean;
  /** False when the run was stopped early. */
  complete: boolean;
  eventsRun: number;
  ledgerEntries: number;
  ledgerKept: boolean;
}

interface DetectionBin {
  fromMs: number;
  toMs: number;
  /** Detected while the portal still held the message. */
  recovered: number;
  /** Detected after the purge. */
  late: number;
}

interface DetectionReport {
  retentionMs: number;
  receiptDeadlineMs: number;
  binMs: number;
  bins: DetectionBin[];
  inWindow: number;
  late: number;
  /** Of `late`: found while the portal still held the content, but not stored or printed again before the purge. */
  lateInWindow: number;
  /** Lost and never detected: no time to detection at all. */
  silent: number;
  distribution?: Distribution;
}

interface ReceiverLoss {
  id: string;
  sent: number;
  lost: number;
  recovered: number;
  fallback: number;
}

interface ReceiversReport {
  total: number;
  /** Receivers that lost at least one message for good. */
  affected: number;
  /** The receivers with the most losses (up to 20), most first. */
  worst: ReceiverLoss[];
}

interface TraceReport {
  msg: number;
  receiver: string;
  fate: Fate;
  /** Why this message: the first one lost, or (nothing lost) the first stored twice. */
  reason: 'lost' | 'duplicate';
  entries: LedgerEntry[];
}

interface RunReport {
  format: 'kvittering-run-report';
  version: 1;
  meta: ScenarioMeta;
  /** The simulated configuration, or a live run's (then with runtime: 'live'). */
  config: RunConfig;
  verdict: ReportVerdict;
  horizon: HorizonReport;
  timeline: Timeline;
  detection: DetectionReport;
  receivers: ReceiversReport;
  traceStatus: 'shown' | 'nothing-failed' | 'ledger-not-kept';
  trace?: TraceReport;
  reproducibility: Reproducibility;
  /** Set by `kvittering calibrate`: the scenario over many seeds against its source figures. */
  calibration?: Calibration;
}

const WORST = 20;

function matches(valid: Validity, expected: Expectation): boolean {
  return (expected === 'pass' && valid === true) || (expected === 'fail' && valid === false) || (expected === 'unknown' && valid === 'unknown');
}

function roundDistribution(d: Distribution | undefined): Distribution | undefined {
  if (d === undefined) return undefined;
  return { count: d.count, minMs: Math.round(d.minMs), medianMs: Math.round(d.medianMs), p95Ms: Math.round(d.p95Ms), maxMs: Math.round(d.maxMs) };
}

/** Virtual times are fractional ms; a report shows whole ms so its text does not hang on float noise. */
function roundEntry(entry: LedgerEntry): LedgerEntry {
  const rounded = { ...entry, t: Math.round(entry.t) };
  if (rounded.kind === 'write-result') rounded.latencyMs = Math.round(rounded.latencyMs);
  return rounded;
}

/** Plain data only: drop undefined fields and functions, keep key order. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function buildDetection(config: RunConfig, messages: readonly MessageFate[], counts: Record<Fate, number>, distribution: Distribution | undefined): DetectionReport {
  const retentionMs = retentionOf(config.portal.retentionDays);
  const detected = messages.filter((m) => m.timeToDetectionMs !== undefined);
  const longest = Math.max(retentionMs, ...detected.map((m) => m.timeToDetectionMs as number));
  const binMs = longest <= 90 * DAY_MS ? DAY_MS : WEEK_MS;
  const bins: DetectionBin[] = Array.from({ length: Math.floor(longest / binMs) + 1 }, (_, i) => ({ fromMs: i * binMs, toMs: (i + 1) * binMs, recovered: 0, late: 0 }));
  for (const m of detected) {
    const bin = bins[Math.floor((m.timeToDetectionMs as number) / binMs)] as DetectionBin;
    if (m.fate === 'recovered') bin.recovered++;
    else bin.late++;
  }
  const report: DetectionReport = {
    retentionMs,
    receiptDeadlineMs: config.portal.receiptDeadlineMs,
    binMs,
    bins,
    inWindow: counts.recovered,
    late: counts['lost-detected-late'],
    lateInWindow: messages.filter((m) => m.fate === 'lost-detected-late' && m.detectedInWindow === true).length,
    silent: counts['lost-silent'],
  };
  const d = roundDistribution(distribution);
  if (d !== undefined) report.distribution = d;
  return report;
}

function buildReceivers(config: RunConfig, messages: readonly MessageFate[]): ReceiversReport {
  const rows: ReceiverLoss[] = config.receivers.map((r) => ({ id: r.id, sent: 0, lost: 0, recovered: 0, fallback: 0 }));
  for (const m of messages) {
    const row = rows[m.receiver];
    if (row === undefined) continue;
    row.sent++;
    if (m.fate === 'lost-silent' || m.fate === 'lost-detected-late') row.lost++;
    else if (m.fate === 'recovered') row.recovered++;
    else if (m.fate === 'fallback') row.fallback++;
  }
  const indexed = rows.map((row, i) => ({ row, i })).filter(({ row }) => row.lost > 0);
  indexed.sort((a, b) => b.row.lost - a.row.lost || a.i - b.i);
  return { total: rows.length, affected: indexed.length, worst: indexed.slice(0, WORST).map(({ row }) => row) };
}

/** The message to trace: the first lost (by send time), else the first stored twice. */
function traceTarget(result: RunResult): { msg: number; reason: 'lost' | 'duplicate' } | undefined {
  let first: MessageFate | undefined;
  for (const m of result.judgement.messages) {
    if (m.fate !== 'lost-silent' && m.fate !== 'lost-detected-late') continue;
    if (first === undefined || m.sentAtMs < first.sentAtMs || (m.sentAtMs === first.sentAtMs && m.msg < first.msg)) first = m;
  }
  if (first !== undefined) return { msg: first.msg, reason: 'lost' };
  const duplicate = result.judgement.verdict.checks.duplicates?.offenders?.[0];
  return duplicate === undefined ? undefined : { msg: duplicate, reason: 'duplicate' };
}

/** A report must read the same wherever it was made: no absolute path, a known expectation. */
function checkMeta(meta: ScenarioMeta): void {
  if (meta.file !== undefined && /^([A-Za-z]:)?[\\/]/.test(meta.file)) {
    throw new KvitteringError('E_REPORT_FIELD', `meta.file is ${JSON.stringify(meta.file)} — expected a path relative to the project`,
      'pass path.relative(projectRoot, file) so the same run gives the same bytes on every machine');
  }
  if (!(['pass', 'fail', 'unknown'] as const).includes(meta.expected)) {
    throw new KvitteringError('E_REPORT_FIELD', `meta.expected is ${JSON.stringify(meta.expected)} — expected one of pass, fail, unknown`);
  }
}

function buildRunReport(meta: ScenarioMeta, result: RunResult, repro: Reproducibility): RunReport {
  checkMeta(meta);
  const { verdict, messages } = result.judgement;
  const config = result.config;
  const kept = config.keepLedger && result.ledger.keepEntries;
  const entries = kept ? result.ledger.entries : undefined;
  const reportVerdict: ReportVerdict = {
    valid: verdict.valid,
    expected: meta.expected,
    asExpected: matches(verdict.valid, meta.expected),
    checks: Object.entries(verdict.checks).map(([name, c]) => ({
      name, valid: c.valid, summary: c.summary, ...(c.data === undefined ? {} : { data: { ...c.data } }), offenders: [...(c.offenders ?? [])],
    })),
    counts: { ...verdict.counts },
    total: verdict.total,
  };
  const ttd = roundDistribution(verdict.timeToDetection);
  const ttf = roundDistribution(verdict.timeToFallback);
  if (ttd !== undefined) reportVerdict.timeToDetection = ttd;
  if (ttf !== undefined) reportVerdict.timeToFallback = ttf;

  const target = traceTarget(result);
  let trace: TraceReport | undefined;
  if (target !== undefined && entries !== undefined) {
    const found = traceOf(entries, target.msg, { receiverIds: config.receivers.map((r) => r.id) });
    const fate = messages.find((m) => m.msg === target.msg)?.fate;
    if (found !== undefined && fate !== undefined) {
      trace = { msg: found.msg, receiver: found.receiver, fate, reason: target.reason, entries: found.entries.map(roundEntry) };
    }
  }

  const report: RunReport = {
    format: 'kvittering-run-report',
    version: 1,
    meta: { ...meta },
    config: plain(config),
    verdict: reportVerdict,
    horizon: {
      horizonMs: Math.round(result.horizonMs),
      requiredHorizonMs: Math.round(result.requiredHorizonMs),
      reached: result.horizonMs >= result.requiredHorizonMs,
      complete: result.complete,
      eventsRun: result.eventsRun,
      ledgerEntries: result.ledger.count,
      ledgerKept: kept,
    },
    timeline: buildTimeline(result.horizonMs, messages, entries, config.faults, config.receivers.map((r) => r.id)),
    detection: buildDetection(config, messages, verdict.counts, verdict.timeToDetection),
    receivers: buildReceivers(config, messages),
    traceStatus: target === undefined ? 'nothing-failed' : trace === undefined ? 'ledger-not-kept' : 'shown',
    reproducibility: { ...repro },
  };
  if (trace !== undefined) report.trace = trace;
  // A scenario's text, ids and the command line may carry credentials: none reach a report.
  return redactValue(plain(report));
}

export { buildRunReport };
export type {
  RunReport, ScenarioMeta, Reproducibility, Expectation, ReportCheck, ReportVerdict, HorizonReport,
  DetectionReport, DetectionBin, ReceiversReport, ReceiverLoss, TraceReport,
};
