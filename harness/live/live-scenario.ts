// A live run's scenario: the system under test (where the portal pushes, or that it polls; how to check
// what it stored), the time scale, the traffic, and the faults the portal side can inject. Times in
// `portal`, `faults` and `controls` are virtual (scaled by msPerVirtualDay); the workload's are wall.

import { KvitteringError, didYouMean } from '../errors.js';
import { validateFaultPlan } from '../faults/validate-faults.js';
import { isSystemKind, type FaultKind, type FaultSpec } from '../faults/fault-spec.js';
import type { PortalConfig } from '../../simulators/portal/portal.js';
import type { StorageCheck } from './stored-probe.js';

interface LiveReceiverSpec {
  id: string;
  /** fiks-io: the portal publishes to the receiver's Fiks IO account queue on `fiksIo.brokerUrl`. */
  style: 'push' | 'poll' | 'fiks-io';
  /** The SUT's account at the portal (SvarInn Basic auth; Fiks IO receipts). */
  username: string;
  password: string;
  /** push: the SUT's endpoint the portal POSTs messages to. */
  pushUrl?: string;
  /** fiks-io: the receiver's Fiks IO account id (a UUID); default a stable one derived from `id`. */
  kontoId?: string;
  /** How to read what the SUT really stored. */
  storageCheck: StorageCheck;
  weight?: number;
}

interface LiveWorkload {
  ratePerSecond: number;
  /** Wall time over which reports are submitted. */
  durationMs: number;
  maxMessages: number;
  publicSharePct?: number;
}

interface LiveScenario {
  seed: number;
  /** Wall ms per virtual day: 1000 ⇒ a 14-day retention window passes in 14 s. */
  msPerVirtualDay: number;
  portal?: Partial<PortalConfig>;
  /** Where the portal listens (the SUT must be told); 0 = any free port. */
  portalPort?: number;
  receivers: LiveReceiverSpec[];
  workload: LiveWorkload;
  /** Faults, in virtual time from the start of the workload; SUT-side kinds need an injector (see runLive). */
  faults?: FaultSpec[];
  /** Reconcile the portal's export against the SUT's storage this often (virtual ms); 0 = never. */
  reconciliationIntervalMs?: number;
  /** How often the runner reads the SUT's storage (wall ms). */
  storagePollMs?: number;
  /** The RabbitMQ broker `fiks-io` receivers are reached over; TTL in virtual ms (default 24 h). */
  fiksIo?: { brokerUrl: string; ttlMs?: number };
  /** Hosts other than loopback the run may send traffic to (push URLs, lookup URLs, databases). Named, never a pattern. */
  allowRemoteHosts?: string[];
}

/** Fault kinds the portal can inject by itself, against any system. */
const portalSideFaults: readonly FaultKind[] = ['receipt-lost', 'receipt-duplicated', 'receipt-late', 'wrong-route', 'fallback-disabled', 'fallback-channel-down', 'early-purge'];

/** Fiks IO account ids are UUIDs. */
const KONTO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(path: string, value: unknown, expected: string, hint?: string): never {
  throw new KvitteringError('E_LIVE_FIELD', `${path} is ${value === undefined ? 'missing' : JSON.stringify(value)} — expected ${expected}`, hint);
}

function validateLiveScenario(s: LiveScenario, sutFaultKinds: readonly FaultKind[] = []): void {
  if (!Number.isInteger(s.seed)) fail('seed', s.seed, 'an integer');
  if (!(typeof s.msPerVirtualDay === 'number' && s.msPerVirtualDay > 0)) fail('msPerVirtualDay', s.msPerVirtualDay, 'wall milliseconds per virtual day, > 0', 'msPerVirtualDay: 1000 makes a day last a second');
  if (!Array.isArray(s.receivers) || s.receivers.length === 0) fail('receivers', s.receivers, 'at least one system under test');
  const ids = new Set<string>();
  s.receivers.forEach((r, i) => {
    const at = `receivers[${i}]`;
    if (typeof r.id !== 'string' || r.id === '' || ids.has(r.id)) fail(`${at}.id`, r.id, 'a unique, non-empty id');
    ids.add(r.id);
    if (r.style !== 'push' && r.style !== 'poll' && r.style !== 'fiks-io') fail(`${at}.style`, r.style, 'push, poll or fiks-io', didYouMean(String(r.style), ['push', 'poll', 'fiks-io']));
    if (typeof r.username !== 'string' || r.username === '') fail(`${at}.username`, r.username, 'the SUT\'s account name at the portal');
    if (typeof r.password !== 'string' || r.password === '') fail(`${at}.password`, r.password, 'the SUT\'s password at the portal');
    if (r.style === 'push') {
      if (typeof r.pushUrl !== 'string' || !/^https?:\/\//.test(r.pushUrl)) fail(`${at}.pushUrl`, r.pushUrl, 'the http(s) URL the portal pushes messages to');
    }
    if (r.kontoId !== undefined && !(r.style === 'fiks-io' && KONTO_ID.test(r.kontoId))) fail(`${at}.kontoId`, r.kontoId, r.style === 'fiks-io' ? 'a Fiks IO account id (a UUID)' : 'no kontoId (only fiks-io receivers have a Fiks IO account)');
    const c = r.storageCheck as Partial<StorageCheck> | undefined;
    if (c?.kind === 'sql') {
      if (typeof c.connectionString !== 'string' || c.connectionString === '') fail(`${at}.storageCheck.connectionString`, c.connectionString, 'a database connection string');
      if (typeof c.query !== 'string' || !/^\s*select\b/i.test(c.query)) fail(`${at}.storageCheck.query`, c.query, 'a SELECT whose first column is the message id');
    } else if (c?.kind === 'http') {
      if (typeof c.lookupUrl !== 'string' || !c.lookupUrl.includes('{id}')) fail(`${at}.storageCheck.lookupUrl`, c.lookupUrl, 'a URL with an {id} placeholder (200 = stored, 404 = not)');
    } else {
      fail(`${at}.storageCheck.kind`, c?.kind, '"sql" (connectionString + query) or "http" (lookupUrl)');
    }
  });
  if (s.receivers.some((r) => r.style === 'fiks-io')) {
    if (typeof s.fiksIo?.brokerUrl !== 'string' || !/^amqps?:\/\//.test(s.fiksIo.brokerUrl)) fail('fiksIo.brokerUrl', s.fiksIo?.brokerUrl, 'the amqp:// URL of the RabbitMQ broker fiks-io receivers are reached over');
    if (s.fiksIo.ttlMs !== undefined && !(typeof s.fiksIo.ttlMs === 'number' && s.fiksIo.ttlMs > 0)) fail('fiksIo.ttlMs', s.fiksIo.ttlMs, 'the message TTL in virtual ms, > 0');
  }
  const w = s.workload as Partial<LiveWorkload> | undefined;
  if (!(typeof w?.ratePerSecond === 'number' && w.ratePerSecond > 0)) fail('workload.ratePerSecond', w?.ratePerSecond, 'reports per wall second, > 0');
  if (!(typeof w.durationMs === 'number' && w.durationMs > 0)) fail('workload.durationMs', w.durationMs, 'wall milliseconds, > 0');
  if (!(typeof w.maxMessages === 'number' && Number.isInteger(w.maxMessages) && w.maxMessages > 0)) fail('workload.maxMessages', w.maxMessages, 'an integer > 0 (live runs are always bounded)');
  if (s.allowRemoteHosts !== undefined && !(Array.isArray(s.allowRemoteHosts) && s.allowRemoteHosts.every((h) => typeof h === 'string' && /^[a-z0-9.:[\]-]+$/i.test(h)))) {
    fail('allowRemoteHosts', s.allowRemoteHosts, 'a list of host names or addresses (no wildcards)');
  }
  const faults = s.faults ?? [];
  validateFaultPlan(faults, [...ids], 'faults', sutFaultKinds.filter(isSystemKind));
  const allowed = new Set<FaultKind>([...portalSideFaults, ...sutFaultKinds]);
  faults.forEach((f, i) => {
    if (!allowed.has(f.kind)) {
      fail(`faults[${i}].kind`, f.kind, `a fault the live runner can inject (${[...allowed].join(', ')})`,
        'Storage and case-system faults need an injector: the reference case system\'s own fault state, or database faults on a real server.');
    }
  });
}

export { validateLiveScenario, portalSideFaults, KONTO_ID };
export type { LiveScenario, LiveReceiverSpec, LiveWorkload };
