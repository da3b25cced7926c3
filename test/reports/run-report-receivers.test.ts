// The receivers table: per receiver, what it was sent and how it ended; only those that lost a message
// for good, most losses first (ties in the configuration's order), at most twenty.

import { describe, expect, it } from 'vitest';
import type { MessageFate } from '../../harness/oracle/fates.js';
import { buildRunReport, type RunReport } from '../../reports/run-report.js';
import { handMadeRun, handMeta, handRepro, msg, type HandMade } from './hand-made-run.js';

const receivers = (o: HandMade): RunReport['receivers'] => buildRunReport(handMeta, handMadeRun(o), handRepro).receivers;
let next = 0;
const to = (receiver: number, fate: MessageFate['fate']) => msg(fate, ++next, 10 * next, { receiver });

describe('buildRunReport: receivers', () => {
  it('counts each receiver’s sends, losses (silent or late), recoveries and prints; worst first, ties in order', () => {
    const r = receivers({
      receivers: ['alta', 'bodø', 'care', 'dovre'],
      messages: [
        to(0, 'stored'), to(0, 'lost-silent'), to(0, 'lost-detected-late'), to(0, 'recovered'), to(0, 'fallback'), to(0, 'resent-by-reporter'), to(0, 'in-flight'),
        to(1, 'lost-silent'), to(1, 'lost-silent'), to(1, 'lost-detected-late'),
        to(2, 'stored'), to(2, 'recovered'), to(2, 'fallback'),
        to(3, 'lost-detected-late'), to(3, 'lost-silent'),
        // A message of a receiver the configuration does not list counts for nobody.
        to(7, 'lost-silent'),
      ],
    });
    expect(r).toEqual({
      total: 4,
      affected: 3,
      worst: [
        { id: 'bodø', sent: 3, lost: 3, recovered: 0, fallback: 0 },
        { id: 'alta', sent: 7, lost: 2, recovered: 1, fallback: 1 },
        { id: 'dovre', sent: 2, lost: 2, recovered: 0, fallback: 0 },
      ],
    });
  });

  it('lists nobody when nothing was lost for good', () => {
    expect(receivers({ receivers: ['alta', 'bodø'], messages: [to(0, 'stored'), to(1, 'recovered'), to(1, 'fallback')] })).toEqual({ total: 2, affected: 0, worst: [] });
  });

  it('lists at most twenty, and counts every affected receiver', () => {
    const ids = Array.from({ length: 25 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    const messages = ids.map((_, i) => to(i, 'lost-silent'));
    messages.push(to(24, 'lost-silent'));
    const r = receivers({ receivers: ids, messages });
    expect(r.total).toBe(25);
    expect(r.affected).toBe(25);
    expect(r.worst.map((w) => w.id)).toEqual(['k24', ...ids.slice(0, 19)]);
  });
});
