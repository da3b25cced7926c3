// The system profile of `kvittering test`: errors name the field and what was expected, the
// environment fills ${NAME}, process faults need a started system, and the committed JSON Schema is
// the one the zod schema makes.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSystemProfile } from '../../harness/system-test/load-system-profile.js';
import { systemProfileJsonSchema } from '../../harness/system-test/system-profile-schema.js';
import { faultKinds, systemFaultKinds } from '../../harness/faults/fault-spec.js';
import { profileFaultKinds } from '../../harness/system-test/system-fault-kinds.js';
import { scheduleFaults, type FaultTargets } from '../../harness/faults/schedule-faults.js';
import { validateFaultPlan } from '../../harness/faults/validate-faults.js';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Ledger } from '../../harness/ledger/ledger.js';

const example = readFileSync(fileURLToPath(new URL('../../examples/black-box/careful-archive/system.yaml', import.meta.url)), 'utf8');
const env = { BLACKBOX_PORTAL_PASSWORD: 'pw', BLACKBOX_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' };
const noTargets: FaultTargets = {
  indexesOf: () => [], stateOf: () => { throw new Error('no receiver'); }, crashCaseSystem: () => undefined, killDbSessions: () => undefined, purgeNow: () => undefined,
};
const parse = (text: string, e: Record<string, string> = env) => parseSystemProfile(text, 'system.yaml', e);

describe('system profiles', () => {
  it('resolves the example: times in ms, faults as in scenario files, the environment substituted', () => {
    const p = parse(example);
    expect(p.receiverId).toBe('careful-archive');
    expect(p.password).toBe('pw');
    expect(p.storage.url).toBe(env.BLACKBOX_DATABASE_URL);
    expect(p.start?.env.DATABASE_URL).toBe(env.BLACKBOX_DATABASE_URL);
    expect(p.workload).toEqual({ ratePerSecond: 20, durationMs: 3_000, maxMessages: 60 });
    expect(p.faults.map((f) => f.kind)).toEqual(['backup-spike', 'db-session-kill', 'db-slow-commit', 'case-system-crash']);
    expect(p.faults[0]).toMatchObject({ fromMs: 86_400_000, toMs: 7 * 86_400_000 });
    // The hash is of the file before substitution: no secret or local URL in it, the same everywhere.
    expect(parse(example, { ...env, BLACKBOX_DATABASE_URL: 'postgres://other/y' }).hash).toBe(p.hash);
  });

  it.each([
    ['style: poll', 'style: pol', /system\.style is "pol" — expected one of poll, push/],
    ['tables: [arkiv_innkommende]', 'tables: []', /storage\.tables is \[\] — expected at least 1 item/],
    ['ratePerSecond: 20', 'ratePerSecond: fast', /workload\.ratePerSecond is "fast" — expected a number/],
    ['{ kind: backup-spike, from: 1d, to: 7d }', '{ kind: db-log-full, from: 1d, to: 7d }', /faults\[0\]\.kind is "db-log-full" — expected a fault kvittering test can apply[\s\S]*Hint: a full transaction log cannot be made/],
    ['{ kind: backup-spike, from: 1d, to: 7d }', '{ kind: backup-spik, from: 1d, to: 7d }', /faults\[0\]\.kind is "backup-spik" — expected one of receipt-lost, [\s\S]*did you mean "backup-spike"/],
    ['passwordEnv: BLACKBOX_PORTAL_PASSWORD', 'passwordEnv: UNSET_VARIABLE', /system\.passwordEnv is "UNSET_VARIABLE" — expected the name of a variable that is set/],
  ])('refuses %s → %s, naming the field', (from, to, message) => {
    expect(() => parse(example.replace(from, to))).toThrow(message);
  });

  const fiksIo = readFileSync(fileURLToPath(new URL('../../examples/black-box/fiks-io-archive/system.yaml', import.meta.url)), 'utf8');
  const fiksEnv = { ...env, BLACKBOX_BROKER_URL: 'amqp://guest:guest@127.0.0.1:5672/kv-test' };

  it('resolves a fiks-io profile: the broker, the account id and the TTL the portal publishes with', () => {
    const p = parse(fiksIo, fiksEnv);
    expect(p.style).toBe('fiks-io');
    expect(p.fiksIo).toEqual({ brokerUrl: fiksEnv.BLACKBOX_BROKER_URL, kontoId: '3f2b7c1e-5a4d-4e8f-9b61-2c7d0e4a9f10', ttlMs: 2 * 86_400_000 });
    expect(p.username).toBe('fiks-io-archive-integrasjon');
  });

  it.each([
    [/ {2}fiksIo:\n(?: {4}.*\n)+/, '', /system\.fiksIo is missing — expected the broker and the system's account \(style is fiks-io\)/],
    ['kontoId: 3f2b7c1e-5a4d-4e8f-9b61-2c7d0e4a9f10', 'kontoId: konto-1', /system\.fiksIo\.kontoId is "konto-1" — expected a Fiks IO account id \(a UUID\)/],
    ["brokerUrl: '${BLACKBOX_BROKER_URL:-amqp://guest:guest@127.0.0.1:5672/%2F}'", 'brokerUrl: http://127.0.0.1:15672', /system\.fiksIo\.brokerUrl is "http:\/\/127\.0\.0\.1:15672" — expected an amqp:\/\/ URL/],
    ['style: fiks-io', 'style: poll', /system\.fiksIo is "set" — expected no fiksIo \(style is poll\)/],
    ['ttl: 2d', 'ttl: two days', /system\.fiksIo\.ttl is "two days" — expected/],
  ] as const)('refuses a fiks-io profile with %s → %s, naming the field', (from, to, message) => {
    expect(() => parse(fiksIo.replace(from, to), fiksEnv)).toThrow(message);
  });

  // Every live driver realises db-slow-commit as a commit delay: without one it would be a window
  // confirmed on the server that slows nothing. Refused here, naming the profile's own field names.
  it.each([
    ['{ kind: db-slow-commit, from: 7d, to: 7d18h, delay: 6h }', '{ kind: db-slow-commit, from: 7d, to: 7d18h }', /system\.yaml: faults\[2\]\.delay is missing — expected a value: "db-slow-commit" needs delay, or it has no effect/],
    ['{ kind: case-system-crash, at: 8d, down: 12h }', '{ kind: case-system-crash, at: 8d }', /faults\[3\]\.down is missing — expected a value: "case-system-crash" needs down/],
    ['{ kind: db-session-kill, at: 5d }', '{ kind: receipt-late, from: 5d, to: 6d, probabilityPct: 50 }', /faults\[1\]\.delay is missing — expected a value: "receipt-late" needs probabilityPct and delay/],
  ])('refuses a fault without the parameter that gives it an effect: %s → %s', (from, to, message) => {
    expect(() => parse(example.replace(from, to))).toThrow(message);
  });

  it('db-overload is refused with the fault to write instead: its live realisation ignores slowdownFactor', () => {
    expect(() => parse(example.replace('{ kind: db-slow-commit, from: 7d, to: 7d18h, delay: 6h }', '{ kind: db-overload, from: 7d, to: 7d18h, slowdownFactor: 4 }')))
      .toThrow(/faults\[2\]\.kind is "db-overload" — expected a fault kvittering test can apply[\s\S]*Hint: .*db-slow-commit with a delay/);
  });

  it('a process fault needs a system kvittering started', () => {
    const watched = example.replace(/ {2}start:\n(?: {4}.*\n)+/, '');
    expect(() => parse(watched)).toThrow(/faults\[3\]\.kind is "case-system-crash"[\s\S]*kill or pause a process it started/);
  });

  describe('faults set on the system\'s database role', () => {
    const withRole = (faults: string, role = '\n  role: case_system') => example
      .replace('sessions: { applicationName: careful-archive }', `sessions: { applicationName: careful-archive }${role}`)
      .replace(/^faults:\n[\s\S]*$/m, `faults:\n${faults}\n`);

    it('resolves storage.role and each fault\'s timeout in virtual ms', () => {
      const p = parse(withRole([
        '  - { kind: db-statement-timeout, from: 1d, to: 2d, timeout: 1h }',
        '  - { kind: db-lock-timeout, from: 1d, to: 2d, timeout: 90m }',
        '  - { kind: db-connection-exhaustion, from: 3d, to: 4d }',
      ].join('\n')));
      expect(p.storage.role).toBe('case_system');
      expect(p.faults).toEqual([
        { kind: 'db-statement-timeout', fromMs: 86_400_000, toMs: 2 * 86_400_000, timeoutMs: 3_600_000 },
        { kind: 'db-lock-timeout', fromMs: 86_400_000, toMs: 2 * 86_400_000, timeoutMs: 5_400_000 },
        { kind: 'db-connection-exhaustion', fromMs: 3 * 86_400_000, toMs: 4 * 86_400_000 },
      ]);
    });

    it.each([
      ['  - { kind: db-connection-exhaustion, from: 1d, to: 2d }', '', /storage\.role is missing — expected the database role the system logs in as \(db-connection-exhaustion is planned/],
      ['  - { kind: db-lock-timeout, from: 1d, to: 2d }', undefined, /faults\[0\]\.timeout is missing — expected the timeout "db-lock-timeout" sets for the system's role/],
      ['  - { kind: db-statement-timeout, from: 1d, to: 2d, timeout: 0s }', undefined, /faults\[0\]\.timeout is "0s" — expected a duration above 0/],
      ['  - { kind: db-statement-timeout, from: 1d, to: 2d, timeout: soon }', undefined, /faults\[0\]\.timeout is "soon" — expected/],
      ['  - { kind: db-connection-exhaustion, from: 1d, to: 2d, timeout: 1h }', undefined, /faults\[0\]\.timeout is "1h" — expected no timeout on "db-connection-exhaustion"/],
      ['  - { kind: backup-spike, from: 1d, to: 2d, timeout: 1h }', undefined, /faults\[0\]\.timeout is "1h" — expected no timeout on "backup-spike"/],
      ['  - { kind: db-lock-timeout, at: 1d, timeout: 1h }', undefined, /faults\[0\]\.from is missing — expected when the "db-lock-timeout" window opens/],
    ] as const)('refuses %s (role %j), naming the field', (faults, role, message) => {
      expect(() => parse(withRole(faults, role))).toThrow(message);
    });

    it('refuses a role that is no role name', () => {
      expect(() => parse(withRole('  - { kind: db-connection-exhaustion, from: 1d, to: 2d }', '\n  role: ""'))).toThrow(/storage\.role is "" — expected/);
    });

    it('scenario files (the simulated runtime) do not take them', () => {
      // faultKinds, the simulated runtime's list, is unchanged: arbitraries and fingerprints never meet these kinds.
      expect(faultKinds).not.toContain('db-statement-timeout');
      expect(() => scheduleFaults([{ kind: 'db-lock-timeout', fromMs: 0, toMs: 1, timeoutMs: 1 }], new Scheduler(), new Ledger(), noTargets))
        .toThrow(/faults\[0\]\.kind is "db-lock-timeout" — expected a fault the simulated runtime models/);
      expect(() => validateFaultPlan([{ kind: 'db-connection-exhaustion', fromMs: 0, toMs: 1 }], ['a'])).toThrow(/faults\[0\]\.kind is "db-connection-exhaustion" — expected one of/);
    });
  });

  it('an unset ${NAME} without a default is named', () => {
    expect(() => parse(example.replace('${BLACKBOX_PORTAL_PASSWORD}', '${NOT_SET_ANYWHERE}'))).toThrow(/system\.start\.env\.SVARINN_PASSWORD names \$\{NOT_SET_ANYWHERE\}, which is not set/);
  });

  it('the README lists every fault kind a profile accepts, with what it needs, and says why the others are refused', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const start = readme.indexOf('### `kvittering test <system.yaml>`');
    const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
    const table = section.slice(section.indexOf('| fault kind | needs |'));
    const rows = new Map([...table.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \|/gm)].map((m) => [m[1] as string, (m[2] as string).trim()]));
    const accepted = profileFaultKinds;
    expect([...rows.keys()].sort()).toEqual([...accepted].sort());
    // The editor's schema lists the same kinds, so it flags what the command would refuse.
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../scenarios/kvittering-system.schema.json', import.meta.url)), 'utf8')) as
      { properties: { faults: { items: { properties: { kind: { enum: string[] } } } } } };
    expect([...schema.properties.faults.items.properties.kind.enum].sort()).toEqual([...accepted].sort());
    // What the table says a kind needs is what the profile refuses it without.
    expect(rows.get('db-slow-commit')).toBe('`delay`');
    expect(rows.get('case-system-crash')).toBe('`down`, `system.start`');
    expect(rows.get('receipt-late')).toBe('`probabilityPct`, `delay`');
    const refused = /Refused, with the reason: ([\s\S]*?)\n\n/.exec(section)?.[1] ?? '';
    const named = new Set([...refused.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]));
    for (const kind of [...faultKinds, ...systemFaultKinds].filter((k) => !accepted.includes(k))) {
      expect(named.has(kind), kind).toBe(true);
      expect(() => parse(example.replace('{ kind: backup-spike, from: 1d, to: 7d }', `{ kind: ${kind}, from: 1d, to: 7d }`)), kind).toThrow(/faults\[0\]\.kind is/);
    }
  });

  it('the committed JSON Schema is up to date (npm run schema)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../../scenarios/kvittering-system.schema.json', import.meta.url)), 'utf8');
    expect(committed).toBe(systemProfileJsonSchema());
  });
});
