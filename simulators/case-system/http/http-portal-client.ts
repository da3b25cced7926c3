// The case system's way back to the portal over HTTP: protocol receipts as the portal documents them.
// Push receivers answer through Fiks IO's send endpoint with the bekymringsmelding receipt types;
// poll receivers through SvarInn's kvitterMottak / mottakFeilet. Fiks IO sends are multipart as KS's
// client sends them (a `metadata` JSON part; for feilet a `data` part, an ASiC-E holding
// feilmelding.json), addressed to the account that sent the report; they carry the integration id
// and password as headers and a bearer token from the portal's `POST /token`, fetched once and renewed
// before it expires (or when the portal refuses it). A receipt that cannot be delivered
// is retried a few times with backoff (each try under a timeout), then given up — and that is recorded
// by the portal as a receipt that never came, which is exactly what the oracle must see.

import { randomUUID } from 'node:crypto';
import type { ProtocolReceipt } from '../../../harness/ledger/entries.js';
import { basicAuthHeader, type Credentials } from '../../http/basic-auth.js';
import type { MessageHeader } from '../../portal/message.js';
import type { PortalApi } from '../../portal/endpoints.js';
import { MESSAGE_TYPES, messageUuid } from '../../portal/http/wire.js';
import { ASICE_MIMETYPE } from '../../portal/http/asice.js';
import { feilmeldingAsice } from '../../portal/http/fiks-io-send.js';
import { wallNowMs } from '../../../harness/runtime/wall-clock.js';

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
  /** Fiks IO: this system's account, and the account that sent a message (its avsender-id) to answer to. */
  fiksIo?: { kontoId: string; replyTo: (msg: number) => string | undefined };
}

/** How long a reply may wait on the sender's queue (wall ms): KS's recommended 24 h. */
const REPLY_TTL_MS = 24 * 60 * 60 * 1000;
const FEILMELDING = 'Lagring i fagsystemet feilet';

const defaultHttpPortalClient = { timeoutMs: 5_000, attempts: 4, backoffMs: 250 };

/**
 * The multipart body fiks-io-send-klient sends: `metadata` a text part typed application/json (no
 * file name), `data` a file part. Built by hand: FormData cannot type a text part.
 */
function fiksIoMultipart(metadata: string, data: Uint8Array | undefined): { contentType: string; body: Uint8Array } {
  const boundary = `kvittering-${randomUUID()}`;
  const parts: Uint8Array[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${metadata}\r\n`)];
  if (data !== undefined) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"; filename="melding.asice"\r\nContent-Type: ${ASICE_MIMETYPE}\r\n\r\n`), data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

class HttpPortalClient implements PortalApi {
  /** Receipts whose delivery has not finished (drained on shutdown). */
  inFlight = 0;

  private token: { value: string; renewAtMs: number } | undefined;

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

  private get base(): string {
    return this.options.portalUrl.replace(/\/$/, '');
  }

  /** A bearer token for the Fiks IO API, renewed 10 s before the portal says it expires. */
  private async bearer(): Promise<string> {
    if (this.token !== undefined && wallNowMs() < this.token.renewAtMs) return this.token.value;
    const response = await fetch(`${this.base}/token`, {
      method: 'POST',
      headers: { authorization: basicAuthHeader(this.options.credentials), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const body = await response.json().catch(() => undefined) as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (!response.ok || typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') throw new Error(`token endpoint answered HTTP ${response.status}`);
    this.token = { value: body.access_token, renewAtMs: wallNowMs() + Math.max(0, body.expires_in - 10) * 1000 };
    return body.access_token;
  }

  /** The request for one receipt; `token` is the bearer token it carries (push only). */
  private async request(msg: number, receipt: ProtocolReceipt, permanent: boolean | undefined): Promise<{ url: string; init: RequestInit; token?: string }> {
    const id = messageUuid(msg);
    const base = this.base;
    if (this.options.style === 'poll') {
      const headers = { authorization: basicAuthHeader(this.options.credentials), 'content-type': 'application/json' };
      return receipt === 'mottatt'
        ? { url: `${base}/kvitterMottak/forsendelse/${id}`, init: { method: 'POST', headers } }
        : { url: `${base}/mottakFeilet/forsendelse/${id}`, init: { method: 'POST', headers, body: JSON.stringify({ feilmelding: FEILMELDING, permanent: permanent ?? true }) } };
    }
    const token = await this.bearer();
    const headers = {
      integrasjonid: this.options.credentials.username, integrasjonpassord: this.options.credentials.password,
      authorization: `Bearer ${token}`,
    };
    const fiksIo = this.options.fiksIo;
    const mottakerKontoId = fiksIo?.replyTo(msg);
    const metadata = {
      ...(fiksIo === undefined ? {} : { avsenderKontoId: fiksIo.kontoId }),
      ...(mottakerKontoId === undefined ? {} : { mottakerKontoId }),
      meldingType: receipt === 'mottatt' ? MESSAGE_TYPES.mottatt : MESSAGE_TYPES.feilet,
      svarPaMelding: id, ttl: REPLY_TTL_MS, headere: {},
    };
    const { contentType, body } = fiksIoMultipart(JSON.stringify(metadata), receipt === 'feilet' ? feilmeldingAsice(FEILMELDING) : undefined);
    return { url: `${base}/fiks-io/api/v1/send`, init: { method: 'POST', headers: { ...headers, 'content-type': contentType }, body }, token };
  }

  private async send(msg: number, receipt: ProtocolReceipt, permanent: boolean | undefined): Promise<void> {
    let reason = '';
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      try {
        const { url, init, token } = await this.request(msg, receipt, permanent);
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) return;
        reason = `HTTP ${response.status}`;
        // A token the portal no longer knows (restarted, expired early) is dropped — only if still the
        // one this request carried: another receipt refused with it at the same time may have dropped
        // or renewed it already — and, with attempts left, a fresh one is fetched at once, no backoff.
        if (response.status === 401 && token !== undefined) {
          if (this.token?.value === token) this.token = undefined;
          if (attempt < this.options.attempts) continue;
        }
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
