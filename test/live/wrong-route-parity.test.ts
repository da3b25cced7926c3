// A wrongly routed report lands in a channel nobody watches, and that channel receipts it (the 2023
// police shipments counted as delivered), so the portal never prints it: the same in the msw portal
// world (live side) as in simulation. Before the world builder, the live portal's wrong route accepted
// the report and never receipted it, so the deadline's print quietly rescued every wrong-route loss.

import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../harness/runtime/time.js';
import { createPortalWorld } from '../../harness/live/portal-world.js';
import { runSmallWorld } from '../support/small-world.js';

const wrongRoute = { kind: 'wrong-route' as const, fromMs: 0, toMs: DAY_MS, probabilityPct: 100 };

describe('a wrong route', () => {
  it('is receipted by the unwatched channel and never sent by post, in the portal world as in simulation', () => {
    const world = createPortalWorld({
      seed: 1, baseUrl: 'http://portal.test', faults: [wrongRoute],
      receivers: [{ receiver: 'kommune', username: 'u', password: 'p', style: 'poll' }],
    });
    world.advanceTo(1);
    world.submit('kommune');
    world.advanceTo(world.settledAtMs());
    const kinds = world.ledger.entries.map((e) => e.kind);
    expect(kinds).toContain('receipt-sent');
    expect(kinds).not.toContain('fallback');
    const judgement = world.judge({ kommune: [] });
    expect(judgement.verdict.valid).toBe(false);

    const simulated = runSmallWorld({ faults: [wrongRoute] });
    expect(simulated.ledger.entries.some((e) => e.kind === 'fallback')).toBe(false);
  });
});
