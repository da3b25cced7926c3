// The case system's way back to the portal over HTTP: protocol receipts as the portal documents them.
// Push receivers answer through Fiks IO's send endpoint with the bekymringsmelding receipt types;
// poll receivers through SvarInn's kvitterMottak / mottakFeilet. A receipt that cannot be delivered
// is retried a few times with backoff (each try under a timeout), then given up — and that is recorded
// by the portal as a receipt that never came, which is exactly what the oracle must see.

import type { ProtocolReceipt } from '../../../harness/ledger/entries.js';
import { basicAuthHeader, type Credentials } from '../../http/basic-auth.js';
import type { MessageHeader } from '../../portal/message.js';
import type { PortalApi } from '../../portal/endpoints.js';
import { MESSAGE_TYPES, messageUuid } from '../../portal/http/wire.js';

interface HttpPortalClientOptions {
  portalUrl: string;
  credentials: Credentials;
  style: 'push' | 'poll';
  /** Wall-clock limit on each attempt. */
  timeoutMs: number;
  attempts: number;
  backoffMs: number;
  /** Told about a receipt given up on (for logs). */
  onGiveUp?: (msg: number, reason: string) => void;
}

const defaultHttpPortalClient = { timeoutMs: 5_000, attempts: 4, backoffMs: 250 };

class HttpPortalClient implements PortalApi {
  /** Receipts whose delivery has not finished (drained on shutdown). */
  inFlight = 0;

  constructor(private readonly options: HttpPortalClientOptions) {}

  receipt(msg: number, receipt: ProtocolReceipt, permanent?: boolean): void {
    this.inFlight++;
    void this.send(msg, receipt, permanent).finally(() => { this.inFlight--; });
  }

  /** Not used over HTTP: the poller reads SvarInn itself. */
  listNew(): readonly MessageHeader[] {
    return [];
  }

  download(): MessageHeader | undefined {
    return undefined;
  }

  private request(msg: number, receipt: ProtocolReceipt, permanent: boolean | undefined): { url: string; init: RequestInit } {
    const id = messageUuid(msg);
    const base = this.options.portalUrl.replace(/\/$/, '');
    const headers: Record<string, string> = { authorization: basicAuthHeader(this.options.credentials), 'content-type': 'application/json' };
    if (this.options.style === 'poll') {
      return receipt === 'mottatt'
        ? { url: `${base}/kvitterMottak/forsendelse/${id}`, init: { method: 'POST', headers } }
        : { url: `${base}/mottakFeilet/forsendelse/${id}`, init: { method: 'POST', headers, body: JSON.stringify({ feilmelding: 'Lagring i fagsystemet feilet', permanent: permanent ?? true }) } };
    }
    const metadata = { meldingType: receipt === 'mottatt' ? MESSAGE_TYPES.mottatt : MESSAGE_TYPES.feilet, svarPaMelding: id };
    const body = receipt === 'mottatt' ? { metadata } : { metadata, feilmelding: { melding: 'Lagring i fagsystemet feilet' } };
    return { url: `${base}/fiks-io/api/v1/send`, init: { method: 'POST', headers, body: JSON.stringify(body) } };
  }

  private async send(msg: number, receipt: ProtocolReceipt, permanent: boolean | undefined): Promise<void> {
    const { url, init } = this.request(msg, receipt, permanent);
    let reason = '';
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      try {
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) return;
        reason = `HTTP ${response.status}`;
        if (response.status < 500 && response.status !== 429) break; // the portal refused it: retrying will not help
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
      if (attempt < this.options.attempts) await new Promise((resolve) => setTimeout(resolve, this.options.backoffMs * 2 ** (attempt - 1)));
    }
    this.options.onGiveUp?.(msg, reason);
  }
}

export { HttpPortalClient, defaultHttpPortalClient };
export type { HttpPortalClientOptions };
