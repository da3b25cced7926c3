// The resolved configuration of one run, and how a partial one (from a scenario file, a test, an
// arbitrary) is completed with defaults and checked. Every default lives in one place: here and in
// the simulators' `default…Config` constants.

import { KvitteringError } from '../errors.js';
import { DAY_MS } from '../runtime/time.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import { validateFaultPlan } from '../faults/validate-faults.js';
import type { WorkloadConfig } from '../workload/workload.js';
import { defaultPortalConfig, type PortalConfig } from '../../simulators/portal/portal.js';
import { ackPolicies, defaultCaseSystemConfig, type CaseSystemConfig } from '../../simulators/case-system/case-system.js';
import { defaultDatabaseConfig, type DatabaseConfig } from '../../simulators/database/database.js';
import { defaultControlsConfig, type ControlsConfig } from '../../simulators/controls/controls-config.js';
import { defaultInboxConfig, type InboxConfig } from '../../simulators/recipient/inbox.js';
import { defaultFiksIoQueueConfig, type FiksIoQueueConfig } from '../../simulators/portal/fiks-io-queue.js';

interface ReceiverConfig {
  id: string;
  /** 'case-system': a municipality's case system and database; 'inbox': an Altinn-like inbox. */
  route: 'case-system' | 'inbox';
  style: 'push' | 'poll';
  /** Relative share of the workload. */
  weight: number;
  /** The sender chose "digital only": no print fallback. */
  digitalOnly: boolean;
  caseSystem: CaseSystemConfig;
  database: DatabaseConfig;
  controls: ControlsConfig;
  inbox: InboxConfig;
  /** Push over a modelled Fiks IO broker queue (TTL at the head, delivery limit, requeue); absent: direct. */
  fiksIoQueue?: FiksIoQueueConfig;
}

interface SimulationConfig {
  seed: number;
  /** When the oracle judges. Omitted: past the last retention window plus a quiet day. */
  horizonMs?: number;
  portal: PortalConfig;
  receivers: ReceiverConfig[];
  workload: WorkloadConfig;
  faults: FaultSpec[];
  /** Keep every ledger entry (default) or only fold them into the oracle (national-scale runs). */
  keepLedger: boolean;
}

type ReceiverInput = Partial<Omit<ReceiverConfig, 'caseSystem' | 'database' | 'controls' | 'inbox' | 'fiksIoQueue'>> & {
  id: string;
  fiksIoQueue?: Partial<FiksIoQueueConfig>;
  caseSystem?: Partial<CaseSystemConfig>;
  database?: Partial<DatabaseConfig>;
  controls?: Partial<ControlsConfig>;
  inbox?: Partial<InboxConfig>;
};

interface SimulationInput {
  seed: number;
  horizonMs?: number;
  portal?: Partial<PortalConfig>;
  receivers: ReceiverInput[];
  workload?: Partial<WorkloadConfig>;
  faults?: FaultSpec[];
  keepLedger?: boolean;
}

const defaultWorkload: WorkloadConfig = { ratePerDay: 30, durationMs: 30 * DAY_MS, maxMessages: 0, publicSharePct: 60, bursts: [] };

function fieldError(path: string, value: unknown, expected: string): never {
  throw new KvitteringError('E_CONFIG_FIELD', `${path} is ${JSON.stringify(value)} — expected ${expected}`);
}

function checkNumbers(path: string, object: object, positive: readonly string[] = []): void {
  for (const [key, value] of Object.entries(object)) {
    if (typeof value !== 'number') continue;
    if (!Number.isFinite(value) || value < 0) fieldError(`${path}.${key}`, value, 'a finite number ≥ 0');
    if (positive.includes(key) && value <= 0) fieldError(`${path}.${key}`, value, 'a number > 0');
  }
}

function oneOf<T extends string>(path: string, value: T, options: readonly T[]): void {
  if (!options.includes(value)) fieldError(path, value, `one of ${options.join(', ')}`);
}

function resolveSimulation(input: SimulationInput): SimulationConfig {
  if (!Number.isSafeInteger(input.seed)) fieldError('seed', input.seed, 'an integer from −(2^53 − 1) to 2^53 − 1');
  if (!Array.isArray(input.receivers) || input.receivers.length === 0) fieldError('receivers', input.receivers, 'at least one receiver');
  const portal = { ...defaultPortalConfig, ...input.portal };
  checkNumbers('portal', portal, ['maxDeliveries', 'deliveryTimeoutMs', 'receiptDeadlineMs', 'fallbackRetryMs']);
  const ids = new Set<string>();
  const receivers = input.receivers.map((r, i): ReceiverConfig => {
    const path = `receivers[${i}]`;
    if (typeof r.id !== 'string' || r.id === '') fieldError(`${path}.id`, r.id, 'a non-empty string');
    if (ids.has(r.id)) fieldError(`${path}.id`, r.id, 'an id not used by another receiver');
    ids.add(r.id);
    const resolved: ReceiverConfig = {
      id: r.id,
      route: r.route ?? 'case-system',
      style: r.style ?? 'push',
      weight: r.weight ?? 1,
      digitalOnly: r.digitalOnly ?? false,
      caseSystem: { ...defaultCaseSystemConfig, ...r.caseSystem },
      database: { ...defaultDatabaseConfig, ...r.database },
      controls: { ...defaultControlsConfig, ...r.controls },
      inbox: { ...defaultInboxConfig, ...r.inbox },
    };
    oneOf(`${path}.route`, resolved.route, ['case-system', 'inbox']);
    oneOf(`${path}.style`, resolved.style, ['push', 'poll']);
    oneOf(`${path}.caseSystem.ackPolicy`, resolved.caseSystem.ackPolicy, ackPolicies);
    oneOf(`${path}.caseSystem.dedupeBy`, resolved.caseSystem.dedupeBy, ['stored', 'seen']);
    checkNumbers(`${path}.caseSystem`, resolved.caseSystem, ['pollIntervalMs']);
    checkNumbers(`${path}.database`, resolved.database, ['workers', 'serviceTimeMeanMs', 'requestTimeoutMs']);
    checkNumbers(`${path}.controls`, resolved.controls);
    checkNumbers(`${path}.inbox`, resolved.inbox, ['attentionPerDay']);
    if (r.fiksIoQueue !== undefined) {
      resolved.fiksIoQueue = { ...defaultFiksIoQueueConfig, ...r.fiksIoQueue };
      checkNumbers(`${path}.fiksIoQueue`, resolved.fiksIoQueue, ['ttlMs', 'maxDeliveries', 'prefetch', 'heartbeatMs', 'consumerTimeoutMs']);
      if (resolved.style !== 'push' || resolved.route !== 'case-system') fieldError(`${path}.fiksIoQueue`, 'set', 'only on a push receiver with route case-system');
    }
    if (!(resolved.weight >= 0)) fieldError(`${path}.weight`, resolved.weight, 'a number ≥ 0');
    return resolved;
  });
  const workload = { ...defaultWorkload, ...input.workload };
  checkNumbers('workload', { ratePerDay: workload.ratePerDay, durationMs: workload.durationMs, maxMessages: workload.maxMessages, publicSharePct: workload.publicSharePct });
  const profile = workload.hourlyProfile;
  if (profile !== undefined && (profile.length !== 24 || profile.some((w) => !(Number.isFinite(w) && w >= 0)) || profile.every((w) => w === 0))) {
    fieldError('workload.hourlyProfile', profile, '24 numbers ≥ 0, not all 0 (one relative rate per hour of the day)');
  }
  const days = workload.dailyProfile;
  if (days !== undefined && (days.length !== 7 || days.some((w) => !(Number.isFinite(w) && w >= 0)) || days.every((w) => w === 0))) {
    fieldError('workload.dailyProfile', days, '7 numbers ≥ 0, not all 0 (one relative rate per day of the week)');
  }
  if (workload.publicSharePct > 100) fieldError('workload.publicSharePct', workload.publicSharePct, 'a percentage from 0 to 100');
  workload.messages?.forEach((m, i) => {
    if (!ids.has(m.receiver)) fieldError(`workload.messages[${i}].receiver`, m.receiver, `a receiver id (${[...ids].slice(0, 5).join(', ')})`);
    if (!(Number.isFinite(m.atMs) && m.atMs >= 0)) fieldError(`workload.messages[${i}].atMs`, m.atMs, 'a time ≥ 0');
    oneOf(`workload.messages[${i}].sender`, m.sender, ['public', 'private']);
  });
  const faults = input.faults ?? [];
  validateFaultPlan(faults, [...ids]);
  if (input.horizonMs !== undefined && !(input.horizonMs >= 0)) fieldError('horizonMs', input.horizonMs, 'a time ≥ 0');
  const config: SimulationConfig = { seed: input.seed, portal, receivers, workload, faults, keepLedger: input.keepLedger ?? true };
  if (input.horizonMs !== undefined) config.horizonMs = input.horizonMs;
  return config;
}

export { resolveSimulation, defaultWorkload };
export type { SimulationConfig, SimulationInput, ReceiverConfig, ReceiverInput };
