// Maps a validated scenario file onto the core's SimulationInput: durations become milliseconds,
// groups (`count`) become receivers, fault targets naming a group hit every member, and `periods`
// become a base rate with bursts. Semantic problems the schema cannot see are reported with the
// file's own paths.

import { DAY_MS } from '../runtime/time.js';
import { NPB_RECEIPT_WORKING_DAYS } from '../../simulators/portal/receipt-deadline.js';
import { isWindowKind, type FaultKind, type FaultSpec } from '../faults/fault-spec.js';
import type { Burst, ExplicitMessage, WorkloadConfig } from '../workload/workload.js';
import type { ReceiverInput, SimulationInput } from '../runner/simulation-config.js';
import type { ControlsConfig } from '../../simulators/controls/controls-config.js';
import { didYouMean } from '../errors.js';
import { isDate, parseDate, parseDuration } from './duration.js';
import { fieldProblem } from './scenario-field-error.js';
import type { ControlsEntry, FaultEntry, ReceiverEntry, ScenarioFile } from './scenario-schema.js';

/** Which simulated receivers stand for which entry of `topology.receivers`. */
interface ReceiverGroup {
  id: string;
  members: string[];
}

interface MappedScenario {
  input: SimulationInput;
  groups: ReceiverGroup[];
}

type Path = readonly (string | number)[];

function defined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const ms = (text: string | undefined) => (text === undefined ? undefined : parseDuration(text));

function mapControls(c: ControlsEntry | undefined, path: Path, instant: (path: Path, text: string) => number): Partial<ControlsConfig> {
  if (c === undefined) return {};
  return defined({
    reconciliationIntervalMs: ms(c.reconciliationInterval),
    reconciliationGraceMs: ms(c.reconciliationGrace),
    publicChasePct: c.publicChasePct,
    privateChasePct: c.privateChasePct,
    chaseAfterMs: ms(c.chaseAfter),
    chaseDelayMeanMs: ms(c.chaseDelayMean),
    chaseResendPct: c.chaseResendPct,
    alertDelayMs: ms(c.alertDelay),
    logAuditAtMs: c.logAudit === undefined ? undefined : instant([...path, 'logAudit'], c.logAudit),
  });
}

function mapReceiver(r: ReceiverEntry, id: string, shared: Partial<ControlsConfig>, controls: Partial<ControlsConfig>): ReceiverInput {
  const cs = r.caseSystem ?? {};
  const db = r.database ?? {};
  const inbox = r.inbox ?? {};
  return defined({
    id,
    route: r.route,
    style: r.style,
    weight: r.weight,
    digitalOnly: r.digitalOnly,
    caseSystem: defined({
      ackPolicy: cs.ackPolicy, retries: cs.retries, retryBackoffMs: ms(cs.retryBackoff), processingDelayMs: ms(cs.processingDelay),
      dedupeBy: cs.dedupeBy, pollIntervalMs: ms(cs.pollInterval),
    }),
    database: defined({
      workers: db.workers, queueLimit: db.queueLimit, serviceTimeMeanMs: ms(db.serviceTimeMean), requestTimeoutMs: ms(db.requestTimeout),
      deadlockPctAtFullLoad: db.deadlockPctAtFullLoad, connectTimeoutMs: ms(db.connectTimeout),
    }),
    inbox: defined({
      roleAssigned: inbox.roleAssigned, notificationsPerDay: inbox.notificationsPerDay, attentionPerDay: inbox.attentionPerDay,
      openDelayMeanMs: ms(inbox.openDelayMean), browseFindPct: inbox.browseFindPct, browseDelayMeanMs: ms(inbox.browseDelayMean),
    }),
    controls: { ...shared, ...controls },
  }) as ReceiverInput;
}

function toSimulationInput(file: ScenarioFile, source?: string): MappedScenario {
  const fail = (path: Path, value: unknown, expected: string, hint?: string): never => {
    throw fieldProblem(path, value, expected, hint, source);
  };
  const startMs = file.start === undefined ? undefined : parseDate(file.start);
  if (startMs !== undefined && Number.isNaN(startMs)) fail(['start'], file.start, 'a real calendar date');
  const instant = (path: Path, text: string): number => {
    if (!isDate(text)) return parseDuration(text);
    if (startMs === undefined) return fail(path, text, 'a time since the start like "2d": dates need `start` set', 'add e.g. `start: 2020-09-25` at the top level');
    const t = parseDate(text) - startMs;
    if (!(t >= 0)) fail(path, text, `a real date on or after start (${file.start})`);
    return t;
  };

  // Topology: groups expand to members; every id must be unique.
  const sharedControls = mapControls(file.controls, ['controls'], instant);
  const groups: ReceiverGroup[] = [];
  const receivers: ReceiverInput[] = [];
  const seen = new Set<string>();
  file.topology.receivers.forEach((r, i) => {
    const members = r.count === undefined ? [r.id] : Array.from({ length: r.count }, (_, k) => `${r.id}-${k + 1}`);
    for (const name of new Set([r.id, ...members])) {
      if (seen.has(name)) fail(['topology', 'receivers', i, 'id'], r.id, `an id used by no other receiver or group member ("${name}" is taken)`);
      seen.add(name);
    }
    groups.push({ id: r.id, members });
    const own = mapControls(r.controls, ['topology', 'receivers', i, 'controls'], instant);
    for (const member of members) receivers.push(mapReceiver(r, member, sharedControls, own));
  });
  const memberIds = receivers.map((r) => r.id);
  const targetIds = [...new Set([...groups.map((g) => g.id), ...memberIds])];
  const expand = (path: Path, target: string): string[] => {
    const group = groups.find((g) => g.id === target);
    if (group !== undefined) return group.members;
    if (memberIds.includes(target)) return [target];
    return fail(path, target, `a receiver or group id (${targetIds.slice(0, 6).join(', ')}${targetIds.length > 6 ? ', …' : ''})`, didYouMean(target, targetIds));
  };

  const faults = (file.faults ?? []).map((f, i) => mapFault(f, ['faults', i], instant, expand, fail));
  const workload = mapWorkload(file, instant, expand, fail);
  const portal = file.portal ?? {};
  const input: SimulationInput = defined({
    seed: file.seed,
    horizonMs: file.horizon === undefined ? undefined : instant(['horizon'], file.horizon),
    keepLedger: file.keepLedger,
    portal: defined({
      retentionDays: portal.retention === undefined ? undefined : parseDuration(portal.retention) / DAY_MS,
      receiptDeadlineMs: ms(portal.receiptDeadline),
      // Real dates give a real calendar: KS's 2 working days, unless a plain duration is asked for.
      ...(startMs === undefined || portal.receiptDeadline !== undefined ? {} : {
        calendarStart: file.start, receiptDeadlineWorkingDays: portal.receiptDeadlineWorkingDays ?? NPB_RECEIPT_WORKING_DAYS,
      }),
      fallbackEnabled: portal.fallback,
      maxDeliveries: portal.maxDeliveries,
      redeliveryDelayMs: ms(portal.redeliveryDelay),
      deliveryTimeoutMs: ms(portal.deliveryTimeout),
      fallbackRetryMs: ms(portal.fallbackRetry),
      linkLatencyMs: ms(portal.linkLatency),
    }),
    receivers,
    workload,
    faults,
  }) as SimulationInput;
  return { input, groups };
}

function mapFault(
  f: Omit<FaultEntry, 'kind'> & { kind: FaultKind },
  path: Path,
  instant: (path: Path, text: string) => number,
  expand: (path: Path, target: string) => string[],
  fail: (path: Path, value: unknown, expected: string, hint?: string) => never,
): FaultSpec {
  const window = isWindowKind(f.kind);
  if (window) {
    if (f.from === undefined) fail([...path, 'from'], f.from, `when the "${f.kind}" window opens (a window fault needs from and to)`);
    if (f.to === undefined) fail([...path, 'to'], f.to, `when the "${f.kind}" window heals (a window fault needs from and to)`);
    if (f.at !== undefined) fail([...path, 'at'], f.at, `no "at" on a window fault: use from and to`);
  } else {
    if (f.at === undefined) fail([...path, 'at'], f.at, `when the "${f.kind}" event happens`);
    if (f.from !== undefined || f.to !== undefined) fail([...path, f.from !== undefined ? 'from' : 'to'], f.from ?? f.to, `no window on the event "${f.kind}": use at`);
  }
  const spec: FaultSpec = defined({
    kind: f.kind,
    targets: f.targets === undefined ? undefined : [...new Set(f.targets.flatMap((t, j) => expand([...path, 'targets', j], t)))],
    fromMs: f.from === undefined ? undefined : instant([...path, 'from'], f.from),
    toMs: f.to === undefined ? undefined : instant([...path, 'to'], f.to),
    atMs: f.at === undefined ? undefined : instant([...path, 'at'], f.at),
    repeatEveryMs: ms(f.repeatEvery),
    repeatUntilMs: f.repeatUntil === undefined ? undefined : instant([...path, 'repeatUntil'], f.repeatUntil),
    probabilityPct: f.probabilityPct,
    slowdownFactor: f.slowdownFactor,
    offlineWorkersPct: f.offlineWorkersPct,
    delayMs: ms(f.delay),
    downMs: ms(f.down),
    notificationsPerDay: f.notificationsPerDay,
  }) as FaultSpec;
  if (spec.fromMs !== undefined && spec.toMs !== undefined && spec.toMs < spec.fromMs) fail([...path, 'to'], f.to, `a time after from (${f.from})`);
  if (spec.repeatEveryMs !== undefined && spec.fromMs !== undefined && spec.toMs !== undefined && spec.repeatEveryMs <= spec.toMs - spec.fromMs) {
    fail([...path, 'repeatEvery'], f.repeatEvery, 'a period longer than the window itself');
  }
  return spec;
}

/** A Monday-first weekday profile rotated so index 0 is the run's first day (virtual day 0 = `start`). */
function fromStartDay(file: ScenarioFile, mondayFirst: readonly number[], fail: (path: Path, value: unknown, expected: string, hint?: string) => never): number[] {
  if (file.start === undefined) return fail(['workload', 'weekdayProfile'], mondayFirst, 'a profile only with `start` set (weekdays need a calendar)', 'add e.g. `start: 2020-09-25` at the top level');
  const firstWeekday = (new Date(parseDate(file.start)).getUTCDay() + 6) % 7;
  return mondayFirst.map((_, i) => mondayFirst[(firstWeekday + i) % 7] as number);
}

function mapWorkload(
  file: ScenarioFile,
  instant: (path: Path, text: string) => number,
  expand: (path: Path, target: string) => string[],
  fail: (path: Path, value: unknown, expected: string, hint?: string) => never,
): Partial<WorkloadConfig> {
  const w = file.workload ?? {};
  const share = (w.volumeSharePct ?? 100) / 100;
  const out: Partial<WorkloadConfig> = defined({
    ratePerDay: w.ratePerDay === undefined ? undefined : w.ratePerDay * share,
    durationMs: ms(w.duration),
    maxMessages: w.maxMessages,
    publicSharePct: w.publicSharePct,
    hourlyProfile: w.hourlyProfile,
    dailyProfile: w.weekdayProfile === undefined ? undefined : fromStartDay(file, w.weekdayProfile, fail),
  });
  if (w.messages !== undefined) {
    out.messages = w.messages.map((m, i): ExplicitMessage => {
      const path = ['workload', 'messages', i] as const;
      const members = expand([...path, 'receiver'], m.receiver);
      if (members.length !== 1) fail([...path, 'receiver'], m.receiver, 'one receiver id, not a group');
      return { atMs: instant([...path, 'at'], m.at), receiver: members[0] as string, sender: m.sender };
    });
  }
  const bursts: Burst[] = (w.bursts ?? []).map((b, i) => ({
    fromMs: instant(['workload', 'bursts', i, 'from'], b.from), toMs: instant(['workload', 'bursts', i, 'to'], b.to), multiplier: b.multiplier,
  }));
  if (w.periods !== undefined) {
    if (w.ratePerDay !== undefined || w.duration !== undefined || w.bursts !== undefined) {
      fail(['workload', 'periods'], '[…]', 'periods alone: they replace ratePerDay, duration and bursts');
    }
    // The core's workload is a base rate with multiplier windows (thinning): the slowest period is the
    // base and every other period a window at its own rate.
    let endMs = 0;
    const rates = w.periods.map((p, i) => {
      const path = ['workload', 'periods', i] as const;
      const fromMs = instant([...path, 'from'], p.from);
      const toMs = instant([...path, 'to'], p.to);
      if (fromMs !== endMs) fail([...path, 'from'], p.from, i === 0 ? 'the start of the run (periods begin at the start)' : `the end of the previous period (${w.periods?.[i - 1]?.to})`);
      if (!(toMs > fromMs)) fail([...path, 'to'], p.to, `a time after from (${p.from})`);
      endMs = toMs;
      return { fromMs, toMs, ratePerDay: (p.reports * share) / ((toMs - fromMs) / DAY_MS) };
    });
    const base = Math.min(...rates.map((r) => r.ratePerDay));
    out.ratePerDay = base;
    out.durationMs = endMs;
    for (const r of rates) if (r.ratePerDay > base) bursts.push({ fromMs: r.fromMs, toMs: r.toMs, multiplier: r.ratePerDay / base });
  }
  if (bursts.length > 0) out.bursts = bursts;
  return out;
}

export { toSimulationInput, mapFault };
export type { MappedScenario, ReceiverGroup };
