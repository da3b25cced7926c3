// The arbitraries themselves: everything they generate is accepted by the runner, covers what it
// promises to cover, and the synthetic identity numbers can never be a real person's.

import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { DAY_MS } from '../../harness/runtime/time.js';
import { faultKinds } from '../../harness/faults/fault-spec.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { defaultControlsConfig } from '../../simulators/controls/controls-config.js';
import {
  configurationArbitrary, faultPlanArbitrary, isSyntheticFodselsnummer, messageContentArbitrary, messageContentFrom,
  safeWorldArbitrary, survivableFaults, syntheticFodselsnummer, worldArbitrary, worldInput, workloadArbitrary,
} from '../../harness/arbitraries/index.js';
import { pointedFault } from '../../harness/arbitraries/pointed-fault.js';
import { assertProperty, propertyParameters } from '../support/property.js';

const ctx = (name: string) => ({ name, file: import.meta.url });

/** Mod-11 control digits written out from Skatteetaten's specification, independent of the code under test. */
function controlDigitsValid(n: string): boolean {
  const d = [...n].map(Number);
  const at = (i: number) => d[i] as number;
  const k1 = 11 - ((3 * at(0) + 7 * at(1) + 6 * at(2) + 1 * at(3) + 8 * at(4) + 9 * at(5) + 4 * at(6) + 5 * at(7) + 2 * at(8)) % 11);
  const k2 = 11 - ((5 * at(0) + 4 * at(1) + 3 * at(2) + 2 * at(3) + 7 * at(4) + 6 * at(5) + 5 * at(6) + 4 * at(7) + 3 * at(8) + 2 * at(9)) % 11);
  return (k1 === 11 ? 0 : k1) === at(9) && (k2 === 11 ? 0 : k2) === at(10);
}

describe('message content', () => {
  it('gives every child a synthetic fødselsnummer: month + 80, valid control digits, matching birth date', () => {
    assertProperty(fc.property(messageContentArbitrary(), (content) => {
      const fnr = content.child.fodselsnummer;
      expect(fnr).toMatch(/^\d{11}$/);
      const month = Number(fnr.slice(2, 4));
      // Real persons carry months 01–12 (and 41–52 for H-numbers); 81–92 is never issued.
      expect(month).toBeGreaterThanOrEqual(81);
      expect(month).toBeLessThanOrEqual(92);
      expect(controlDigitsValid(fnr)).toBe(true);
      expect(isSyntheticFodselsnummer(fnr)).toBe(true);
      const [yyyy, mm, dd] = content.child.birthDate.split('-');
      expect(fnr.slice(0, 6)).toBe(`${dd}${String(Number(mm) + 80)}${yyyy?.slice(2)}`);
      // Born 2000–2039: individual numbers 500–999.
      expect(Number(fnr.slice(6, 9))).toBeGreaterThanOrEqual(500);
      expect(content.reporter.name.length).toBeGreaterThan(3);
      expect(content.concern.length).toBeGreaterThan(10);
    }), propertyParameters(300), ctx('synthetic fødselsnummer'));
  });

  it('rejects what is not synthetic', () => {
    const real = syntheticFodselsnummer(new Date(Date.UTC(1985, 4, 17)), 123);
    expect(real.slice(2, 4)).toBe('85');
    // The same digits with the real month: a valid-looking ordinary number is refused.
    const withRealMonth = `${real.slice(0, 2)}05${real.slice(4)}`;
    expect(isSyntheticFodselsnummer(withRealMonth)).toBe(false);
    expect(isSyntheticFodselsnummer(`${real.slice(0, 10)}${(Number(real[10]) + 1) % 10}`)).toBe(false);
    expect(isSyntheticFodselsnummer('1234')).toBe(false);
    expect(() => syntheticFodselsnummer(new Date(Date.UTC(1900, 0, 1)), 0)).toThrow(/E_FNR_YEAR/);
  });

  it('is deterministic: the same seed gives the same content', () => {
    const birth = new Date(Date.UTC(2015, 2, 3));
    expect(messageContentFrom(42, 'private', birth, 7)).toEqual(messageContentFrom(42, 'private', birth, 7));
    expect(messageContentFrom(42, 'public', birth, 7).reporter.organisation).toMatch(/\S+ (barnehage|skole|helsestasjon|legekontor|politiet)$/);
  });
});

describe('worlds, workloads, fault plans, configurations', () => {
  it('every generated world is accepted by the runner', () => {
    assertProperty(fc.property(worldArbitrary(), (world) => {
      expect(() => resolveSimulation(worldInput(world))).not.toThrow();
    }), propertyParameters(200), ctx('worlds resolve'));
  });

  it('fault plans cover every FaultSpec kind, and workloads every arrival shape and sender kind', () => {
    const kinds = new Set(fc.sample(faultPlanArbitrary({ targets: ['a', 'b'] }), { numRuns: 600, seed: 3 }).flat().map((f) => f.kind));
    expect([...kinds].sort()).toEqual([...faultKinds].sort());
    const workloads = fc.sample(workloadArbitrary({ receivers: ['a', 'b'] }), { numRuns: 300, seed: 3 });
    expect(workloads.some((w) => w.messages === undefined && w.bursts.length > 0)).toBe(true);
    const senders = new Set(workloads.flatMap((w) => w.messages ?? []).map((m) => m.sender));
    expect([...senders].sort()).toEqual(['private', 'public']);
    expect(() => workloadArbitrary({ receivers: [] })).toThrow(/needs at least one receiver id/);
    expect(() => configurationArbitrary({ ackPolicies: [] })).toThrow(/ackPolicies: \[\]/);
  });

  it('safe worlds keep only survivable faults and clearly-shorter reconciliation', () => {
    assertProperty(fc.property(safeWorldArbitrary(), (world) => {
      const c = world.configuration;
      expect(c.fallbackEnabled).toBe(true);
      expect(c.retentionDays).toBeGreaterThanOrEqual(3);
      const kinds = world.faults.map((f) => f.kind);
      for (const r of c.receivers) {
        expect(r.dedupeBy).toBe('stored');
        expect(r.digitalOnly).toBe(false);
      }
      const nets = c.receivers.every((r) => r.route === 'inbox' || r.ackPolicy !== 'before-commit')
        && kinds.every((k) => survivableFaults.nets.includes(k))
        && !(kinds.includes('fallback-channel-down') && kinds.includes('early-purge'));
      const reconciled = c.receivers.every((r) => r.route === 'case-system' && r.reconciliationIntervalMs > 0
          && 2 * r.reconciliationIntervalMs + defaultControlsConfig.reconciliationGraceMs <= c.retentionDays * DAY_MS)
        && kinds.every((k) => survivableFaults.reconciled.includes(k));
      expect(nets || reconciled, JSON.stringify(world)).toBe(true);
    }), propertyParameters(200), ctx('safe worlds'));
  });

  it('an aimed fault skips messages to an inbox nobody opens, and meets inbox-only Poisson traffic with a lost receipt', () => {
    const draw = { kind: 'db-outage' as const, pick: 0, leadMs: 60_000, lengthMs: 3_600_000 };
    const aiming = { ids: ['dark', 'cs', 'open'], inboxes: ['dark', 'open'], unseen: ['dark'] };
    const explicit = { messages: [{ atMs: 1_000_000, receiver: 'dark', sender: 'public' as const }, { atMs: 2_000_000, receiver: 'cs', sender: 'public' as const }, { atMs: 3_000_000, receiver: 'open', sender: 'public' as const }], ratePerDay: 0, durationMs: DAY_MS / 2, maxMessages: 0, publicSharePct: 0, bursts: [] };
    expect(pointedFault(draw, explicit, aiming, DAY_MS)).toEqual({ kind: 'db-outage', fromMs: 2_000_000 - 60_000, toMs: 2_000_000 + 3_600_000, targets: ['cs'] });
    expect(pointedFault({ ...draw, pick: 1 }, explicit, aiming, DAY_MS)).toEqual({ kind: 'receipt-lost', fromMs: 3_000_000, toMs: DAY_MS, probabilityPct: 100, targets: ['open'] });
    const poisson = { ratePerDay: 10, durationMs: DAY_MS / 2, maxMessages: 5, publicSharePct: 0, bursts: [] };
    expect(pointedFault(draw, poisson, { ids: ['a', 'b'], inboxes: ['a', 'b'], unseen: [] }, DAY_MS)).toEqual({ kind: 'receipt-lost', fromMs: 0, toMs: DAY_MS, probabilityPct: 100 });
    expect(pointedFault(draw, poisson, { ids: ['a', 'b'], inboxes: ['b'], unseen: [] }, DAY_MS)).toMatchObject({ kind: 'db-outage', fromMs: 0 });
  });
});
