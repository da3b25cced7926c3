// An Altinn-like inbox for confidential mail ("taushetsbelagt post"). Nobody in the organisation sees a
// message, or is notified of it, unless the role has been assigned for that organisation number. With
// the role, a notification is noticed with a chance that falls as notification volume rises; an
// unnoticed message may still be found later by someone browsing. Opening it is the read receipt the
// portal waits for; unopened past the deadline, the portal prints — unless the sender chose digital only.

import type { Clock } from '../../harness/runtime/clock.js';
import type { Rng } from '../../harness/runtime/rng.js';
import type { Ledger } from '../../harness/ledger/ledger.js';
import type { FaultState } from '../../harness/faults/fault-state.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import type { Delivery, PushEndpoint } from '../portal/endpoints.js';
import type { ReceiptLink } from '../portal/receipt-link.js';

interface InboxConfig {
  /** Whether the confidential-mail role is assigned for this organisation number. */
  roleAssigned: boolean;
  /** Notifications of all kinds the role holders get per day, without any fault. */
  notificationsPerDay: number;
  /** Notifications a person actually attends to per day; beyond it, notices drown. */
  attentionPerDay: number;
  openDelayMeanMs: number;
  /** Chance an unnoticed message is found by browsing the inbox. */
  browseFindPct: number;
  browseDelayMeanMs: number;
}

const defaultInboxConfig: InboxConfig = {
  roleAssigned: true,
  notificationsPerDay: 5,
  attentionPerDay: 20,
  openDelayMeanMs: 4 * HOUR_MS,
  browseFindPct: 30,
  browseDelayMeanMs: 5 * DAY_MS,
};

class Inbox implements PushEndpoint {
  constructor(
    private readonly config: InboxConfig,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly ledger: Ledger,
    private readonly faults: FaultState,
    private readonly link: ReceiptLink,
  ) {}

  deliver(delivery: Delivery): void {
    const msg = delivery.msg.id;
    const roleAssigned = this.config.roleAssigned && this.faults.roleMissing === 0;
    delivery.respond('ack');
    this.ledger.append({ t: this.clock.now(), kind: 'inbox', msg, roleAssigned });
    if (!roleAssigned) return; // nobody can see it, nobody is told
    const load = this.config.notificationsPerDay + this.faults.extraNotificationsPerDay;
    const noticePct = (100 * this.config.attentionPerDay) / Math.max(this.config.attentionPerDay, load);
    const noticed = this.rng.chancePct(noticePct);
    this.ledger.append({ t: this.clock.now(), kind: 'notify', msg, noticed });
    if (noticed) {
      this.clock.after(this.rng.exponential(this.config.openDelayMeanMs), () => this.open(msg));
    } else if (this.rng.chancePct(this.config.browseFindPct)) {
      this.clock.after(this.rng.exponential(this.config.browseDelayMeanMs), () => this.open(msg));
    }
  }

  private open(msg: number): void {
    this.ledger.append({ t: this.clock.now(), kind: 'open', msg });
    this.link.send(msg, 'mottatt', true);
  }
}

/** A channel nobody watches (the police's wrong Altinn service): it accepts and receipts everything. */
class UnwatchedChannel implements PushEndpoint {
  constructor(private readonly link: ReceiptLink) {}

  deliver(delivery: Delivery): void {
    delivery.respond('ack');
    this.link.send(delivery.msg.id, 'mottatt', false);
  }
}

export { Inbox, UnwatchedChannel, defaultInboxConfig };
export type { InboxConfig };
