// Reads a system profile: YAML → environment substitution (${NAME}, ${NAME:-default}) → schema →
// the checks the schema cannot make (the password's variable is set, faults this command can apply,
// a started system for process faults) → a resolved profile with times in ms and faults as FaultSpecs.

import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { KvitteringError } from '../errors.js';
import { DAY_MS } from '../runtime/time.js';
import { faultKinds, isSystemKind, systemFaultKinds, type FaultKind, type FaultSpec } from '../faults/fault-spec.js';
import { requiredParameters } from '../faults/catalogue.js';
import { parseDuration } from '../scenario/duration.js';
import { canonicalJson } from '../scenario/parse-scenario.js';
import { fieldProblem, scenarioFieldError } from '../scenario/scenario-field-error.js';
import { mapFault } from '../scenario/to-simulation-input.js';
import { processFaultKinds, profileFaultKinds, refusedBecause } from './system-fault-kinds.js';
import { systemProfileSchema, type ReadyCheck, type SessionSelector, type SystemProfileFile } from './system-profile-schema.js';

/** The system kinds that set a timeout: they need one. */
const timeoutFaultKinds: readonly FaultKind[] = ['db-statement-timeout', 'db-lock-timeout'];
/** A FaultSpec parameter's name in the profile, where the two differ (durations drop their unit). */
const profileField: Partial<Record<keyof FaultSpec, string>> = { delayMs: 'delay', downMs: 'down', timeoutMs: 'timeout' };

interface StartSpec {
  command: string[];
  cwd: string;
  env: Record<string, string>;
  ready: ReadyCheck;
  readyTimeoutMs: number;
  restart: boolean;
}

interface SystemProfile {
  /** The file as given on the command line (for messages and the rerun command). */
  file: string;
  /** sha256 of the profile's canonical JSON before environment substitution (no secrets in it). */
  hash: string;
  title: string;
  description: string;
  seed: number;
  receiverId: string;
  style: 'poll' | 'push' | 'fiks-io';
  username: string;
  password: string;
  pushUrl?: string;
  /** fiks-io: the broker, the system's account id, and the TTL in virtual ms. */
  fiksIo?: { brokerUrl: string; kontoId: string; ttlMs?: number };
  /** poll: longest silence between polls (wall ms) before it is a fault; undefined: not watched. */
  pollGapMs?: number;
  /** Port the portal listens on; undefined: any free port. */
  portalPort?: number;
  start?: StartSpec;
  storage: { url: string; check: string; tables: string[]; sessions?: SessionSelector; role?: string };
  msPerVirtualDay: number;
  retentionDays: number;
  receiptDeadlineMs: number;
  storagePollMs: number;
  workload: { ratePerSecond: number; durationMs: number; maxMessages: number; publicSharePct?: number };
  faults: FaultSpec[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** Every string in the document with ${NAME} / ${NAME:-default} replaced from the environment. */
function substitute(value: unknown, env: Env, path: string, file: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
      const got = env[name];
      if (got !== undefined && got !== '') return got;
      if (fallback !== undefined) return fallback;
      throw new KvitteringError('E_PROFILE_ENV', `${file}: ${path} names \${${name}}, which is not set — expected the variable in the environment`, `export ${name}=… or write \${${name}:-default}`);
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, env, `${path}[${i}]`, file));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, substitute(v, env, path === '' ? k : `${path}.${k}`, file)]));
  }
  return value;
}

function readYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  const error = doc.errors[0];
  if (error !== undefined) throw new KvitteringError('E_PROFILE_YAML', `${file}: ${(error.message.split('\n')[0] ?? 'unreadable YAML').replace(/:$/, '')}`, 'check the indentation and quoting near that line');
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new KvitteringError('E_PROFILE_YAML', `${file}: ${e instanceof Error ? e.message : 'unreadable YAML'}`);
  }
}

function parseSystemProfile(text: string, file: string, env: Env = process.env): SystemProfile {
  const original = readYaml(text, file);
  const raw = substitute(original, env, '', file);
  const parsed = systemProfileSchema.safeParse(raw);
  const fail = (path: readonly (string | number)[], value: unknown, expected: string, hint?: string): never => { throw fieldProblem(path, value, expected, hint, file); };
  if (!parsed.success) {
    // A kind scenario files know but a real system cannot be given: say why, not only what the schema lists.
    const kinds: readonly string[] = [...faultKinds, ...systemFaultKinds];
    const rawFaults = (raw as { faults?: unknown } | null)?.faults;
    if (Array.isArray(rawFaults)) {
      rawFaults.forEach((f: unknown, i) => {
        const kind = (f as { kind?: unknown } | null)?.kind;
        if (typeof kind === 'string' && kinds.includes(kind) && !profileFaultKinds.includes(kind as FaultKind)) {
          fail(['faults', i, 'kind'], kind, `a fault kvittering test can apply (${profileFaultKinds.join(', ')})`, refusedBecause(kind as FaultKind));
        }
      });
    }
    throw scenarioFieldError(parsed.error.issues, raw, systemProfileSchema, file);
  }
  const p: SystemProfileFile = parsed.data;
  const password = env[p.system.passwordEnv];
  if (password === undefined || password === '') fail(['system', 'passwordEnv'], p.system.passwordEnv, `the name of a variable that is set (${p.system.passwordEnv} is empty)`, `export ${p.system.passwordEnv}=…`);
  if (p.system.style === 'push' && p.system.pushUrl === undefined) fail(['system', 'pushUrl'], undefined, 'the URL the portal pushes to (style is push)');
  if (p.system.style === 'fiks-io' && p.system.fiksIo === undefined) fail(['system', 'fiksIo'], undefined, 'the broker and the system\'s account (style is fiks-io)', 'e.g. fiksIo: { brokerUrl: amqp://guest:guest@127.0.0.1:5672/%2F, kontoId: <uuid> }');
  if (p.system.style !== 'fiks-io' && p.system.fiksIo !== undefined) fail(['system', 'fiksIo'], 'set', `no fiksIo (style is ${p.system.style})`, 'style: fiks-io delivers over the broker');
  if (p.system.style === 'fiks-io' && p.system.pushUrl !== undefined) fail(['system', 'pushUrl'], p.system.pushUrl, 'no pushUrl (style is fiks-io: reports go to the account queue)');
  const receiverId = p.system.id ?? 'system';
  const allowed = profileFaultKinds.filter((k) => p.system.start !== undefined || !processFaultKinds.includes(k));
  const faults = (p.faults ?? []).map((f, i) => {
    if (!allowed.includes(f.kind)) {
      fail(['faults', i, 'kind'], f.kind, `a fault kvittering test can apply (${allowed.join(', ')})`, 'process faults need system.start: kvittering can only kill or pause a process it started');
    }
    if (f.kind === 'db-session-kill' && p.storage.sessions === undefined) fail(['storage', 'sessions'], undefined, 'how to find the system\'s sessions (db-session-kill is planned)', 'e.g. sessions: { applicationName: my-case-system }');
    if (isSystemKind(f.kind) && p.storage.role === undefined) fail(['storage', 'role'], undefined, `the database role the system logs in as (${f.kind} is planned: it is set for that role)`, 'e.g. role: case_system');
    const needsTimeout = timeoutFaultKinds.includes(f.kind);
    if (needsTimeout && f.timeout === undefined) fail(['faults', i, 'timeout'], undefined, `the timeout "${f.kind}" sets for the system's role, like "1h" (virtual)`, 'faults have no worst-case defaults: say how severe the fault is');
    if (!needsTimeout && f.timeout !== undefined) fail(['faults', i, 'timeout'], f.timeout, `no timeout on "${f.kind}" (only ${timeoutFaultKinds.join(' and ')} take one)`);
    const timeoutMs = f.timeout === undefined ? undefined : parseDuration(f.timeout);
    if (timeoutMs === 0) fail(['faults', i, 'timeout'], f.timeout, 'a duration above 0 (a timeout of 0 turns the timeout off: the fault would have no effect)');
    const mapped = mapFault(f, ['faults', i], (path, t) => {
      if (!/^(0|(\d+(\.\d+)?(ms|s|m|h|d|w))+)$/.test(t)) fail(path, t, 'a time since the start of the workload, like "1d" or "36h"');
      return parseDuration(t);
    }, (path, target) => (target === receiverId ? [target] : fail(path, target, `the system's id "${receiverId}"`)), fail);
    const spec = timeoutMs === undefined ? mapped : { ...mapped, timeoutMs };
    // As in scenario files, a fault states its severity (a slow commit without a delay would slow nothing),
    // but named as the profile names it.
    const groups = requiredParameters[f.kind];
    if (groups !== undefined && !groups.some((group) => group.every((field) => spec[field] !== undefined))) {
      const named = (field: keyof FaultSpec) => profileField[field] ?? field;
      const missing = groups[0]?.find((field) => spec[field] === undefined) ?? 'kind';
      fail(['faults', i, named(missing)], undefined, `a value: "${f.kind}" needs ${groups.map((group) => group.map(named).join(' and ')).join(', or ')}, or it has no effect`,
        'faults have no worst-case defaults: say how severe the fault is');
    }
    return spec;
  });
  const dir = dirname(resolve(file));
  const profile: SystemProfile = {
    file,
    hash: createHash('sha256').update(canonicalJson(original)).digest('hex'),
    title: p.title,
    description: p.description ?? '',
    seed: p.seed ?? 1,
    receiverId,
    style: p.system.style,
    username: p.system.username,
    password: password as string,
    storage: {
      url: p.storage.url, check: p.storage.check, tables: p.storage.tables,
      ...(p.storage.sessions === undefined ? {} : { sessions: p.storage.sessions }), ...(p.storage.role === undefined ? {} : { role: p.storage.role }),
    },
    msPerVirtualDay: p.time.msPerVirtualDay,
    retentionDays: p.time.retention === undefined ? 2 : parseDuration(p.time.retention) / DAY_MS,
    receiptDeadlineMs: p.time.receiptDeadline === undefined ? 2 * DAY_MS : parseDuration(p.time.receiptDeadline),
    storagePollMs: p.time.storagePoll === undefined ? 500 : parseDuration(p.time.storagePoll),
    workload: {
      ratePerSecond: p.workload.ratePerSecond, durationMs: parseDuration(p.workload.duration), maxMessages: p.workload.maxMessages,
      ...(p.workload.publicSharePct === undefined ? {} : { publicSharePct: p.workload.publicSharePct }),
    },
    faults,
  };
  if (p.system.pushUrl !== undefined) profile.pushUrl = p.system.pushUrl;
  const fiksIo = p.system.fiksIo;
  if (fiksIo !== undefined) profile.fiksIo = { brokerUrl: fiksIo.brokerUrl, kontoId: fiksIo.kontoId.toLowerCase(), ...(fiksIo.ttl === undefined ? {} : { ttlMs: parseDuration(fiksIo.ttl) }) };
  if (p.system.pollGap !== undefined && p.system.style !== 'poll') fail(['system', 'pollGap'], p.system.pollGap, `no pollGap (style is ${p.system.style}: the portal watches its ${p.system.style === 'push' ? 'pushes' : 'broker connection'} instead)`);
  // Without start, polls are all kvittering sees of the system: silence longer than the receipt
  // deadline would send every waiting report to print, so that is the default gap.
  const pollGapMs = p.system.pollGap === undefined
    ? (p.system.style === 'poll' && p.system.start === undefined ? profile.receiptDeadlineMs / DAY_MS * profile.msPerVirtualDay : undefined)
    : parseDuration(p.system.pollGap);
  if (pollGapMs !== undefined) profile.pollGapMs = pollGapMs;
  if (p.portal !== undefined) profile.portalPort = p.portal.port;
  const start = p.system.start;
  if (start !== undefined) {
    profile.start = {
      command: start.command, cwd: resolve(dir, start.cwd ?? '.'), env: start.env ?? {}, ready: start.ready,
      readyTimeoutMs: start.readyTimeout === undefined ? 20_000 : parseDuration(start.readyTimeout), restart: start.restart ?? true,
    };
  }
  return profile;
}

export { parseSystemProfile };
export type { SystemProfile, StartSpec };
