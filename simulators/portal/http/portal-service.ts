// The portal's HTTP-facing façade over the clock-agnostic core `Portal`: accounts and Basic auth,
// UUIDs on the wire, synthetic content, report status, and the receipt intake. Protocol receipts from
// receivers pass through a `ReceiptLink` per receiver, which is where the fault plan loses, duplicates
// or delays them on the portal side. Everything here is synchronous over the core except the optional
// storage check that tells whether a receipt was sent before the record existed.

import { didYouMean } from '../../../harness/errors.js';
import type { Ledger } from '../../../harness/ledger/ledger.js';
import type { LedgerEntry, ProtocolReceipt, SenderKind } from '../../../harness/ledger/entries.js';
import { HttpError } from '../../http/http-error.js';
import { authenticate } from '../../http/basic-auth.js';
import { IntegrationTokens } from './integration-tokens.js';
import type { Portal } from '../portal.js';
import type { ReceiptLink } from '../receipt-link.js';
import type { MessageHeader } from '../message.js';
import { reportContent, type ReportContent } from './report-content.js';
import { messageUuid, parseMessageUuid, type Forsendelse, type ReportStatus } from './wire.js';

interface PortalAccount {
  /** The receiver's id in the scenario (a municipality), also its Fiks IO account id. */
  receiver: string;
  username: string;
  password: string;
  style: 'push' | 'poll';
}

interface PortalServiceOptions {
  portal: Portal;
  ledger: Ledger;
  accounts: readonly PortalAccount[];
  /** One receipt link per account, same order. */
  links: readonly ReceiptLink[];
  now: () => number;
  /** Wall clock for Fiks IO token expiry (default the wall clock); tests pass their own. */
  tokenNow?: () => number;
  /** First numeric message id of this run; ids stay unique across runs against one database. */
  idBase: number;
  /**
   * Ground truth at the moment a receipt arrives: does the receiver's storage already hold it? When
   * absent, a receipt is recorded as the receiver claims it (mottatt ⇒ committed), unverified.
   */
  committedCheck?: (msg: number) => Promise<boolean>;
}

interface Tracked {
  header: MessageHeader;
  status: ReportStatus;
}

function notFound(id: string, field: string): HttpError {
  return new HttpError(404, 'E_HTTP_NOT_FOUND', `${field} ${JSON.stringify(id.slice(0, 64))} is not a shipment for this account — expected an id from hentNyeForsendelser or a push`, field);
}

class PortalService {
  private readonly tracked = new Map<number, Tracked>();
  private readonly metadataById = new Map<number, ReportContent['metadata']>();
  private readonly indexById: Map<string, number>;
  private nextSeq = 0;
  /** Receipts accepted over HTTP whose storage check is still running. */
  private checking = 0;
  /** Per account index: when it last listed new shipments (a poller that stops is noticed from this). */
  private readonly listedAt = new Map<number, number>();

  /** Fiks IO's API auth: tokens from `POST /token`, checked on `POST /fiks-io/api/v1/send`. */
  readonly tokens: IntegrationTokens<PortalAccount>;

  constructor(private readonly options: PortalServiceOptions) {
    this.tokens = new IntegrationTokens(options.accounts, options.tokenNow);
    this.indexById = new Map(options.accounts.map((a, i) => [a.receiver, i]));
    options.ledger.subscribe(this.observe);
  }

  get accounts(): readonly PortalAccount[] {
    return this.options.accounts;
  }

  get submitted(): number {
    return this.nextSeq;
  }

  get pendingReceiptChecks(): number {
    return this.checking;
  }

  /** When the account last listed new shipments (its clock's ms), if it ever did. */
  lastListedAt(index: number): number | undefined {
    return this.listedAt.get(index);
  }

  /** A reporter submits a report for a municipality. */
  submit(kommune: string, sender: SenderKind): { id: string; msg: number } {
    const receiver = this.indexById.get(kommune);
    if (receiver === undefined) {
      const known = [...this.indexById.keys()];
      throw HttpError.field('body.kommune', kommune, `a receiver id (${known.slice(0, 8).join(', ')})`, didYouMean(kommune, known));
    }
    const msg = this.options.idBase + this.nextSeq++;
    const header: MessageHeader = { id: msg, receiver, sender, sentAtMs: this.options.now() };
    this.tracked.set(msg, { header, status: 'AKSEPTERT' });
    this.options.portal.submit(header);
    return { id: messageUuid(msg), msg };
  }

  status(id: string): { id: string; status: ReportStatus } {
    const tracked = this.trackedById(id, 'id');
    return { id, status: tracked.status };
  }

  authenticate(request: Request): PortalAccount & { index: number } {
    return this.indexed(authenticate(request, this.options.accounts));
  }

  /** The Fiks IO API's way: IntegrasjonId / IntegrasjonPassord headers and a bearer token. */
  authenticateIntegration(request: Request): PortalAccount & { index: number } {
    return this.indexed(this.tokens.authorize(request));
  }

  private indexed(account: PortalAccount): PortalAccount & { index: number } {
    return { ...account, index: this.indexById.get(account.receiver) as number };
  }

  // --- SvarInn (poll) ------------------------------------------------------------------------------

  /** hentNyeForsendelser; `baseUrl` is where this portal is reached, for each downloadUrl. */
  listNew(account: { index: number; receiver: string }, baseUrl: string): Forsendelse[] {
    this.listedAt.set(account.index, this.options.now());
    return this.options.portal.listNew(account.index).map((h) => this.forsendelse(h, account.receiver, baseUrl));
  }

  download(account: { index: number; receiver: string }, id: string): ReportContent {
    const tracked = this.ownTracked(account, id);
    if (this.options.portal.download(tracked.header.id) === undefined) {
      throw new HttpError(404, 'E_HTTP_GONE', `forsendelse ${id} is purged — expected a shipment the portal still holds`, 'id');
    }
    return this.content(tracked.header, account.receiver);
  }

  // --- receipts (both styles) -----------------------------------------------------------------------

  /** A protocol receipt arrives; it belongs to the authenticated receiver or is a 404. */
  receipt(account: { index: number; receiver: string }, id: string, receipt: ProtocolReceipt, permanent?: boolean): void {
    const tracked = this.ownTracked(account, id);
    const link = this.options.links[account.index] as ReceiptLink;
    const msg = tracked.header.id;
    const check = this.options.committedCheck;
    if (check === undefined) {
      link.send(msg, receipt, receipt === 'mottatt', permanent);
      return;
    }
    this.checking++;
    void check(msg).then(
      (stored) => link.send(msg, receipt, stored, permanent),
      () => link.send(msg, receipt, false, permanent),
    ).finally(() => { this.checking--; });
  }

  /** Content for the push body. */
  content(header: MessageHeader, kommune: string): ReportContent {
    return reportContent(header.id, kommune, header.sender, header.sentAtMs);
  }

  /**
   * A listing names each shipment's file; building the content (faker text, a hash) for every listed
   * shipment on every poll stalled a 200 ms poller at 40 reports/s, so the metadata is built once.
   */
  private metadata(header: MessageHeader, kommune: string): ReportContent['metadata'] {
    let metadata = this.metadataById.get(header.id);
    if (metadata === undefined) {
      metadata = this.content(header, kommune).metadata;
      this.metadataById.set(header.id, metadata);
    }
    return metadata;
  }

  receiverId(index: number): string {
    return this.options.accounts[index]?.receiver ?? String(index);
  }

  private forsendelse(header: MessageHeader, receiver: string, baseUrl: string): Forsendelse {
    const id = messageUuid(header.id);
    return {
      id,
      tittel: header.sender === 'public' ? 'Bekymringsmelding (offentlig melder)' : 'Bekymringsmelding (privat melder)',
      date: header.sentAtMs,
      avsender: { navn: 'Nasjonal portal for bekymringsmelding', adresse1: 'Postboks 1', postnr: '0101', poststed: 'OSLO' },
      mottaker: { navn: `Barneverntjenesten ${receiver}`, adresse1: '', postnr: '', poststed: '', orgnr: '' },
      status: 'KLAR_FOR_MOTTAK',
      filmetadata: [this.metadata(header, receiver)],
      forsendelseType: header.sender === 'public' ? 'no.ks.fiks.bekymringsmelding.offentlig.v1' : 'no.ks.fiks.bekymringsmelding.privat.v1',
      eksternRef: String(header.id),
      downloadUrl: `${baseUrl}/forsendelse/${id}`,
    };
  }

  private trackedById(id: string, field: string): Tracked {
    const msg = parseMessageUuid(id);
    const tracked = msg === undefined ? undefined : this.tracked.get(msg);
    if (tracked === undefined) throw notFound(id, field);
    return tracked;
  }

  /** A receiver may only see and receipt its own shipments; anyone else's is indistinguishable from unknown. */
  private ownTracked(account: { index: number }, id: string): Tracked {
    const tracked = this.trackedById(id, 'id');
    if (tracked.header.receiver !== account.index) throw notFound(id, 'id');
    return tracked;
  }

  private readonly observe = (entry: LedgerEntry): void => {
    if (!('msg' in entry)) return;
    const tracked = this.tracked.get(entry.msg);
    if (tracked === undefined) return;
    switch (entry.kind) {
      case 'deliver':
        if (tracked.status === 'AKSEPTERT') tracked.status = 'SENDT_FAGSYSTEM';
        return;
      case 'receipt':
        if (entry.receipt === 'mottatt' && !entry.duplicate) tracked.status = 'LEVERT';
        return;
      case 'portal-failed':
        tracked.status = 'AVVIST_FAGSYSTEM';
        return;
      case 'fallback':
        if (entry.outcome === 'printed') tracked.status = 'SENDT_PRINT';
        return;
      case 'purge':
        tracked.status = 'SLETTET';
        return;
      default:
        return;
    }
  };
}

export { PortalService };
export type { PortalAccount, PortalServiceOptions };
