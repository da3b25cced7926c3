// A system under test that stops answering is a fault unless the plan explains it: an outage window
// while it is open, and a planned crash (an event: SIGKILL, restart after its down time) until the
// system answers a push sent after the kill — after that, a failure is its own. Storage reads are
// never excused by a crash.

import { describe, expect, it } from 'vitest';
import { SutSpells } from '../../harness/live/sut-spells.js';
import { Ledger } from '../../harness/ledger/ledger.js';
import { Scheduler } from '../../harness/runtime/scheduler.js';

function spells() {
  const clock = new Scheduler();
  const ledger = new Ledger();
  return { clock, ledger, spells: new SutSpells(clock, ledger, () => undefined) };
}

describe('SutSpells', () => {
  it('a planned crash explains unanswered pushes until the system answers again, and only for its target', () => {
    const { ledger, spells: s } = spells();
    ledger.append({ t: 0, kind: 'fault', fault: 'case-system-crash', phase: 'event', target: 'push-archive' });
    s.observe('sut-unreachable', 'push-archive', false, 'ECONNREFUSED');
    s.observe('sut-unreachable', 'push-archive', false, 'UND_ERR_SOCKET');
    expect(s.faults).toEqual([]);
    s.observe('sut-unreachable', 'other', false, 'ECONNREFUSED');
    s.observe('sut-storage-unreachable', 'push-archive', false, 'ECONNRESET');
    expect(s.faults.map((f) => `${f.fault} ${f.receiver}`)).toEqual(['sut-unreachable other', 'sut-storage-unreachable push-archive']);
    // Back up: the next failure is the system's own.
    s.observe('sut-unreachable', 'push-archive', true, 'HTTP 200');
    s.observe('sut-unreachable', 'push-archive', false, 'ECONNREFUSED');
    expect(s.faults.map((f) => `${f.fault} ${f.receiver}`)).toContain('sut-unreachable push-archive');
  });

  it('a crash announced before the kill explains a push the kill cuts off before it is confirmed in the ledger', () => {
    const { ledger, spells: s } = spells();
    s.expectCrash('push-archive');
    // SIGKILL sent; the in-flight push fails at once, the exit is seen later.
    s.observe('sut-unreachable', 'push-archive', false, 'UND_ERR_SOCKET');
    ledger.append({ t: 0, kind: 'fault', fault: 'case-system-crash', phase: 'event', target: 'push-archive' });
    s.observe('sut-unreachable', 'push-archive', false, 'ECONNREFUSED');
    expect(s.faults).toEqual([]);
    expect(ledger.entries.filter((e) => e.kind === 'fault' && e.fault === 'sut-unreachable')).toEqual([]);
    s.observe('sut-unreachable', 'push-archive', true, 'HTTP 200');
    s.observe('sut-unreachable', 'push-archive', false, 'ECONNREFUSED');
    expect(s.faults.map((f) => `${f.fault} ${f.receiver}`)).toEqual(['sut-unreachable push-archive']);
  });

  it('a late answer to a push sent before the kill does not end the crash: only a push sent after it can', () => {
    const { clock, spells: s } = spells();
    clock.runUntil(1_000);
    s.expectCrash('push-archive');
    // The answer was on its way when SIGKILL went out; the pushes after it find no process.
    s.observe('sut-unreachable', 'push-archive', true, 'HTTP 200', 999);
    s.observe('sut-unreachable', 'push-archive', true, 'HTTP 200', 1_000);
    s.observe('sut-unreachable', 'push-archive', false, 'UND_ERR_SOCKET', 1_001);
    s.observe('sut-unreachable', 'push-archive', false, 'ECONNREFUSED', 1_002);
    expect(s.faults).toEqual([]);
    // Restarted: a push sent after the kill is answered, and the next failure is the system's own.
    s.observe('sut-unreachable', 'push-archive', true, 'HTTP 200', 1_003);
    s.observe('sut-unreachable', 'push-archive', false, 'ECONNREFUSED', 1_004);
    expect(s.faults.map((f) => `${f.fault} ${f.receiver}`)).toEqual(['sut-unreachable push-archive']);
  });

  it('a crash aimed at every receiver ("*") explains each until that one answers', () => {
    const { ledger, spells: s } = spells();
    ledger.append({ t: 0, kind: 'fault', fault: 'case-system-crash', phase: 'event', target: '*' });
    s.observe('sut-unreachable', 'oslo', true, 'HTTP 200');
    s.observe('sut-unreachable', 'bergen', false, 'ECONNREFUSED');
    expect(s.faults).toEqual([]);
    s.observe('sut-unreachable', 'oslo', false, 'ECONNREFUSED');
    expect(s.faults.map((f) => f.receiver)).toEqual(['oslo']);
  });

  it('an outage window explains failures while it is open, not after its heal', () => {
    const { ledger, spells: s } = spells();
    ledger.append({ t: 0, kind: 'fault', fault: 'case-system-outage', phase: 'start', target: 'oslo,bergen' });
    s.observe('sut-unreachable', 'bergen', false, 'no answer in time');
    expect(s.faults).toEqual([]);
    ledger.append({ t: 1, kind: 'fault', fault: 'case-system-outage', phase: 'heal', target: 'oslo,bergen' });
    s.observe('sut-unreachable', 'bergen', false, 'no answer in time');
    expect(s.faults.map((f) => f.receiver)).toEqual(['bergen']);
  });
});
