// The portal's window of held messages (columns indexed by id) answers like a Map from id to message
// however ids arrive — in order, with gaps, below the window, after it emptied — and keeps every column
// of every held message across the moves and growths that make room.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../harness/runtime/rng.js';
import { KvitteringError } from '../../harness/errors.js';
import { HeldMessages, AWAITING_RECEIPT } from '../../simulators/portal/held-messages.js';
import type { MessageHeader } from '../../simulators/portal/message.js';
import type { Timer } from '../../harness/runtime/clock.js';

const header = (id: number): MessageHeader => ({ id, receiver: 0, sender: 'public', sentAtMs: id });
const timer = (): Timer => ({ cancel: () => undefined });

interface Expected { header: MessageHeader; state: number; attempts: number; wrong: number; printed: number; deadline: Timer; answer: Timer }

/** Every held message's columns as the model has them, by id; and that nothing else is held. */
function expectSame(held: HeldMessages, model: Map<number, Expected>, probe: readonly number[]): void {
  for (const [id, m] of model) {
    const i = held.indexOf(id);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(held.find(m.header)).toBe(i);
    expect([held.headers[i], held.state[i], held.attempts[i], held.wrongRoute[i], held.printed[i], held.deadlines[i], held.answerTimers[i]])
      .toEqual([m.header, m.state, m.attempts, m.wrong, m.printed, m.deadline, m.answer]);
  }
  for (const id of probe) if (!model.has(id)) expect(held.indexOf(id)).toBe(-1);
  expect(held.inOrder().map((i) => held.headers[i]?.id)).toEqual([...model.keys()]);
}

describe('HeldMessages', () => {
  it('answers like a Map through thousands of adds and forgets: ids mostly rising from below zero, some below the span, some far ahead', () => {
    const rng = new Rng(7);
    const held = new HeldMessages();
    const model = new Map<number, Expected>();
    let next = -2_000;
    const probe: number[] = [];
    const expectHeld = (id: number) => expect(held.headers[held.indexOf(id)]).toBe(model.get(id)?.header);
    for (let step = 0; step < 4_000; step++) {
      // Phases of 400 steps that mostly add, then mostly forget: the span grows and shrinks, the ring grows.
      const adding = Math.floor(step / 400) % 2 === 0 ? 0.8 : 0.3;
      if (rng.next() < adding || model.size === 0) {
        const r = rng.next();
        let id = r < 0.9 ? next++ : r < 0.95 ? next - 1 - Math.floor(rng.next() * 3_000) : (next += Math.floor(rng.next() * 5_000));
        while (model.has(id)) id++;
        const h = header(id);
        const i = held.add(h);
        const m: Expected = { header: h, state: Math.floor(rng.next() * 4), attempts: Math.floor(rng.next() * 1_000), wrong: rng.next() < 0.5 ? 1 : 0, printed: rng.next() < 0.5 ? 1 : 0, deadline: timer(), answer: timer() };
        held.state[i] = m.state;
        held.attempts[i] = m.attempts;
        held.wrongRoute[i] = m.wrong;
        held.printed[i] = m.printed;
        held.deadlines[i] = m.deadline;
        held.answerTimers[i] = m.answer;
        model.set(id, m);
        probe.push(id);
        expectHeld(id);
        expectHeld(model.keys().next().value as number);
      } else {
        // Mostly the oldest (purges come roughly in sending order), sometimes any.
        const ids = [...model.keys()];
        const id = ids[rng.next() < 0.7 ? 0 : Math.floor(rng.next() * ids.length)] as number;
        expectHeld(id);
        held.forget(held.indexOf(id));
        model.delete(id);
      }
      if (step % 100 === 0) expectSame(held, model, probe.slice(-300));
    }
    expectSame(held, model, probe);
  });

  it('a new message starts delivering, on the correct route, unprinted, with no attempts or timers', () => {
    const held = new HeldMessages();
    const first = held.add(header(5));
    held.state[first] = AWAITING_RECEIPT;
    held.attempts[first] = 3;
    held.wrongRoute[first] = 1;
    held.printed[first] = 1;
    held.deadlines[first] = timer();
    held.answerTimers[first] = timer();
    held.forget(first);
    const again = held.add(header(5));
    expect([held.state[again], held.attempts[again], held.wrongRoute[again], held.printed[again], held.deadlines[again], held.answerTimers[again]]).toEqual([0, 0, 0, 0, undefined, undefined]);
  });

  it('a forgotten message is not found again, by id or by its header, even when its id is held anew', () => {
    const held = new HeldMessages();
    const old = header(0);
    held.forget(held.add(old));
    expect([held.indexOf(0), held.find(old)]).toEqual([-1, -1]);
    const fresh = header(0);
    const i = held.add(fresh);
    expect([held.indexOf(0), held.find(fresh), held.find(old)]).toEqual([i, i, -1]);
  });

  it('after emptying, the span starts again at the next id, however far off (a ring spanning 2^40 ids would not fit in memory)', () => {
    const held = new HeldMessages();
    held.forget(held.add(header(3)));
    held.add(header(2 ** 40));
    held.add(header(2 ** 40 - 10));
    expect(held.inOrder().map((i) => held.headers[i]?.id)).toEqual([2 ** 40, 2 ** 40 - 10]);
    expect(held.indexOf(3)).toBe(-1);
  });

  it('grows the ring as soon as the span outgrows it, counting a held message at index 0 (ring of 64: ids 0, 63, then 64)', () => {
    const held = new HeldMessages();
    for (const id of [0, 63, 64]) held.add(header(id));
    expect([0, 63, 64].map((id) => held.headers[held.indexOf(id)]?.id)).toEqual([0, 63, 64]);
  });

  it('a jump far past the ring grows it at once to the whole span (ids -64 and 192 share an index in rings of 128 and 256)', () => {
    const held = new HeldMessages();
    for (const id of [-64, 192]) held.add(header(id));
    expect([-64, 192].map((id) => held.headers[held.indexOf(id)]?.id)).toEqual([-64, 192]);
  });

  it('refuses an id that is not an integer, or one it already holds', () => {
    const held = new HeldMessages();
    held.add(header(64)); // at index 0
    held.add(header(1));
    expect(() => held.add(header(1.5))).toThrow(new KvitteringError('E_MESSAGE_ID', 'message id 1.5 is not an integer'));
    expect(() => held.add(header(1))).toThrow(new KvitteringError('E_MESSAGE_ID', 'message 1 is already held'));
    expect(() => held.add(header(64))).toThrow(new KvitteringError('E_MESSAGE_ID', 'message 64 is already held'));
    expect([held.indexOf(1.5), held.indexOf(-1), held.indexOf(Number.NaN)]).toEqual([-1, -1, -1]);
  });
});
