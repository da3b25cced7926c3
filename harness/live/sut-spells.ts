// The system under test going away — a push not answered, its storage not readable, a poller gone
// quiet — is a fault in the ledger unless the scenario injected it (an outage window, or a crash until
// the system answers a push sent after the kill). A spell starts at the first failure and heals at the
// next answer; every spell is kept for the result.

import type { Ledger } from '../ledger/ledger.js';
import type { Clock } from '../runtime/clock.js';

/** A spell in which the system under test went away without a fault that the scenario injected. */
interface SutFault {
  fault: 'sut-unreachable' | 'sut-storage-unreachable' | 'sut-poll-gap';
  receiver: string;
  startMs: number;
  healMs?: number;
  /** Pushes (or storage reads) that got no answer in the spell. */
  failures: number;
  /** The first failure's cause (ECONNREFUSED, no answer in time …). */
  detail: string;
  /** Every distinct cause seen in the spell. */
  causes: string[];
}

/** Injected faults that explain a SUT not answering: those are the scenario's, not a crash. */
const PLANNED_UNREACHABLE = new Set(['case-system-outage', 'case-system-crash']);

class SutSpells {
  /** Every spell, in the order they started. */
  readonly faults: SutFault[] = [];
  private readonly open = new Map<string, SutFault>();
  /** Planned outages open per fault target ('*', 'oslo', 'oslo,bergen'). */
  private readonly planned = new Map<string, number>();
  /**
   * Planned crashes (events: a kill, then a restart after its down time) by target, from when they were
   * announced, with the receivers that have answered since: a crashed receiver's failures are the plan's
   * until it answers a push sent after the crash began (a push sent before may still be answered late).
   */
  private readonly crashed: { target: string; sinceMs: number; answered: Set<string> }[] = [];

  constructor(private readonly clock: Clock, private readonly ledger: Ledger, private readonly log: (line: string) => void) {
    ledger.subscribe((e) => {
      if (e.kind !== 'fault' || !PLANNED_UNREACHABLE.has(e.fault)) return;
      if (e.phase === 'event') this.crashed.push({ target: e.target, sinceMs: clock.now(), answered: new Set() });
      else this.planned.set(e.target, (this.planned.get(e.target) ?? 0) + (e.phase === 'start' ? 1 : -1));
    });
  }

  /**
   * A planned crash of `target` is about to happen. A push in flight fails the moment the process dies,
   * before the kill is confirmed and in the ledger; from now on such failures are the plan's, until the
   * receiver answers a push sent after this (if the kill then fails, it does, and the excuse ends there).
   */
  expectCrash(target: string): void {
    this.crashed.push({ target, sinceMs: this.clock.now(), answered: new Set() });
  }

  /**
   * One answer (ok) or failure from a receiver: opens, extends or heals its spell of this kind.
   * `sentAtMs`, when known, is when the push that got this outcome went out.
   */
  observe(fault: SutFault['fault'], receiver: string, ok: boolean, detail: string, sentAtMs?: number): void {
    const key = `${fault}:${receiver}`;
    const open = this.open.get(key);
    const now = this.clock.now();
    if (ok) {
      if (fault === 'sut-unreachable') {
        for (const crash of this.crashed) {
          if (hits(crash.target, receiver) && (sentAtMs === undefined || sentAtMs > crash.sinceMs)) crash.answered.add(receiver);
        }
      }
      if (open === undefined) return;
      open.healMs = now;
      this.open.delete(key);
      this.ledger.append({ t: now, kind: 'fault', fault, phase: 'heal', target: receiver });
      this.log(`${fault} healed: ${receiver} answers again after ${open.failures} failure(s)`);
      return;
    }
    if (open !== undefined) {
      open.failures++;
      if (!open.causes.includes(detail)) open.causes.push(detail);
      return;
    }
    if (fault === 'sut-unreachable' && this.isPlanned(receiver)) return;
    const spell: SutFault = { fault, receiver, startMs: now, failures: 1, detail, causes: [detail] };
    this.open.set(key, spell);
    this.faults.push(spell);
    this.ledger.append({ t: now, kind: 'fault', fault, phase: 'start', target: receiver });
    this.log(`${fault}: ${receiver} (${detail})`);
  }

  private isPlanned(receiver: string): boolean {
    return [...this.planned].some(([target, n]) => n > 0 && hits(target, receiver))
      || this.crashed.some((crash) => hits(crash.target, receiver) && !crash.answered.has(receiver));
  }
}

/** Whether a fault target ('*', 'oslo', 'oslo,bergen') names this receiver. */
function hits(target: string, receiver: string): boolean {
  return target === '*' || target.split(',').includes(receiver);
}

export { SutSpells };
export type { SutFault };
