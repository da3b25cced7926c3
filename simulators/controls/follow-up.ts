// Two human controls. A reporter who hears nothing chases the municipality (rare in practice); the case
// worker finds nothing and the loss is detected. An alert on the case system's error log turns a
// dropped write into a detection after a delay. Either re-delivers while the portal still holds it —
// unless the case worker takes a chase for a user error and the reporter just sends the report again
// (category D): the content arrives as a new report and the fault goes unrecorded.

import type { Clock } from '../../harness/runtime/clock.js';
import type { Rng } from '../../harness/runtime/rng.js';
import type { Ledger } from '../../harness/ledger/ledger.js';
import type { DetectionSource } from '../../harness/ledger/entries.js';
import type { Storage } from '../database/storage.js';
import type { Portal } from '../portal/portal.js';
import type { MessageHeader } from '../portal/message.js';
import type { ControlsConfig } from './controls-config.js';

class FollowUp {
  // Timer handlers made once: a chase or an alert is (handler, header or id), not a closure each.
  private readonly onChase = (header: MessageHeader): void => this.check(header.id, 'reporter', header);
  private readonly onAlert = (msg: number): void => this.check(msg, 'alert');

  constructor(
    private readonly config: ControlsConfig,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly ledger: Ledger,
    private readonly portal: Portal,
    private readonly storage: Storage,
    /** Ids for reports a reporter sends again, and where they go (the portal's front door). */
    private readonly resend: { ids: { next(): number }; submit: (header: MessageHeader) => void } | undefined = undefined,
  ) {}

  /** Called when a report is sent: decide now whether and when its reporter will chase. */
  reportSent(header: MessageHeader): void {
    const pct = header.sender === 'public' ? this.config.publicChasePct : this.config.privateChasePct;
    if (pct <= 0 || !this.rng.chancePct(pct)) return;
    const delay = this.config.chaseAfterMs + this.rng.exponential(this.config.chaseDelayMeanMs);
    this.clock.post(delay, this.onChase, header);
  }

  /** Called when the case system logs a dropped write. */
  writeDropped(msg: number): void {
    if (this.config.alertDelayMs <= 0) return;
    this.clock.post(this.config.alertDelayMs, this.onAlert, msg);
  }

  private check(msg: number, by: DetectionSource, header?: MessageHeader): void {
    if (this.portal.printed(msg)) return; // the letter arrived by post
    this.storage.lookup(msg, (stored) => {
      if (stored) return;
      if (header !== undefined && this.resend !== undefined && this.config.chaseResendPct > 0 && this.rng.chancePct(this.config.chaseResendPct)) {
        const again: MessageHeader = { id: this.resend.ids.next(), receiver: header.receiver, sender: header.sender, sentAtMs: this.clock.now() };
        this.ledger.append({ t: again.sentAtMs, kind: 'resend', msg, asMsg: again.id });
        this.resend.submit(again);
        return;
      }
      const holds = this.portal.holds(msg);
      this.ledger.append({ t: this.clock.now(), kind: 'detect', msg, by, portalHolds: holds });
      if (holds) this.portal.redeliver(msg);
    }, undefined);
  }
}

export { FollowUp };
