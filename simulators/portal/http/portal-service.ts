// The portal's HTTP-facing façade over the clock-agnostic core `Portal`: accounts and Basic auth,
// UUIDs on the wire, synthetic content, report status, and the receipt intake. Protocol receipts from
// receivers pass through a `ReceiptLink` per receiver, which is where the fault plan loses, duplicates
// or delays them on the portal side. Everything here is synchronous over the core except the optional
// storage check that tells whether a receipt was sent before the record existed. A Fiks IO receiver's
// reply does not go straight in: the send API publishes it to the portal's own account queue (through
// `FiksIoReplies`), and the receipt reaches the link when the portal consumes it — the storage check
// still starts at the send, when the receiver made its claim.

import { randomUUID } from 'node:crypto';
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
import { MESSAGE_TYPES, messageUuid, parseMessageUuid, senderType, type Forsendelse, type ReportStatus } from './wire.js';
import type { FiksIoSend, ReplyType } from './fiks-io-send.js';

interface PortalAccount {
  /** The receiver's id in the scenario (a municipality), also its Fiks IO account id. */
  receiver: string;
  username: string;
  password: string;
  style: 'push' | 'poll';
}

/** A receiver's reply as it travels on the portal's own Fiks IO account queue. */
interface FiksIoReply {
  /** A new id the platform gives the reply. */
  meldingId: string;
  avsenderKontoId: string;
  mottakerKontoId: string;
  meldingType: ReplyType;
  svarPaMelding: string;
  /** The type of the message it answers (`svar-til-type`). */
  svarTilType: string;
  ttl?: number;
  headere: Record<string, string>;
  data?: Uint8Array;
}

/** The portal's own account queue, as the send API publishes replies to it. */
interface FiksIoReplies {
  readonly portalKontoId: string;
  /** A receiver's Fiks IO account; undefined when it does not receive over Fiks IO. */
  kontoIdOf(receiver: string): string | undefined;
  /** Resolves once the broker confirmed the publish; rejects when it did not. */
  publish(reply: FiksIoReply): Promise<void>;
}

/** What the portal's consumer read off its queue: the reply's headers. */
interface ConsumedReply {
  avsenderId: string;
  meldingId: string;
  type: string;
  svarTil: string;
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
  /** Fiks IO receivers' replies go through the portal's own queue. */
  fiksIoReplies?: FiksIoReplies;
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
  /** Receipts accepted over HTTP whose storage check is running or whose receipt has not reached the link. */
  private checking = 0;
  /** Replies published to the portal's queue and not consumed yet: their storage check, begun at the send. */
  private readonly unconsumed = new Map<string, { msg: number; check: Promise<boolean> | undefined }>();
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

  /** Replies the broker holds for the portal (published, maybe confirmed) that it has not consumed yet. */
  get pendingReplies(): number {
    return this.unconsumed.size;
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

  /** A receiver's Fiks IO account id, when it receives over Fiks IO. */
  kontoIdOf(receiver: string): string | undefined {
    return this.options.fiksIoReplies?.kontoIdOf(receiver);
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
    const msg = this.ownTracked(account, id).header.id;
    this.toLink(account.index, msg, receipt, this.startCheck(msg), permanent);
  }

  /**
   * `POST /fiks-io/api/v1/send`. A Fiks IO receiver's reply is published to the portal's own account
   * queue and answered once the broker confirmed it (503 naming `broker` otherwise); anyone else's
   * goes straight to the receipt link, as before.
   */
  async send(account: { index: number; receiver: string }, send: FiksIoSend): Promise<{ meldingId: string }> {
    const receipt: ProtocolReceipt = send.meldingType === MESSAGE_TYPES.mottatt ? 'mottatt' : 'feilet';
    const replies = this.options.fiksIoReplies;
    const kontoId = replies?.kontoIdOf(account.receiver);
    if (replies === undefined || kontoId === undefined) {
      this.receipt(account, send.svarPaMelding, receipt);
      return { meldingId: randomUUID() };
    }
    if (send.mottakerKontoId !== replies.portalKontoId) {
      throw HttpError.field('metadata.mottakerKontoId', send.mottakerKontoId, `the portal's account ${replies.portalKontoId} (the avsender-id of the message answered)`);
    }
    if (send.avsenderKontoId !== undefined && send.avsenderKontoId !== kontoId) {
      throw HttpError.field('metadata.avsenderKontoId', send.avsenderKontoId, `this integration's own account ${kontoId}`);
    }
    const tracked = this.ownTracked(account, send.svarPaMelding);
    const msg = tracked.header.id;
    const meldingId = randomUUID();
    // Entered before the publish: the portal's consumer may read the reply before the confirm arrives.
    this.unconsumed.set(meldingId, { msg, check: this.startCheck(msg) });
    try {
      await replies.publish({
        meldingId, avsenderKontoId: kontoId, mottakerKontoId: replies.portalKontoId, meldingType: send.meldingType,
        svarPaMelding: send.svarPaMelding, svarTilType: MESSAGE_TYPES[senderType(tracked.header.sender)], headere: send.headere,
        ...(send.ttl === undefined ? {} : { ttl: send.ttl }), ...(send.data === undefined ? {} : { data: send.data }),
      });
    } catch (error) {
      const waiting = this.unconsumed.get(meldingId);
      this.unconsumed.delete(meldingId);
      if (waiting?.check !== undefined) void waiting.check.finally(() => { this.checking--; });
      throw new HttpError(503, 'E_BROKER', `the broker did not confirm the reply (${error instanceof Error ? error.message.slice(0, 120) : String(error)}) — expected a publisher confirm from the portal's account queue; send it again`, 'broker');
    }
    return { meldingId };
  }

  /**
   * The portal's consumer read a reply off its queue: `avsender-id` names the receiver. Resolves once
   * the receipt is in that receiver's link (the consumer acks then); to a reason when it is not ours.
   */
  async replyConsumed(reply: ConsumedReply): Promise<string | undefined> {
    const replies = this.options.fiksIoReplies;
    const account = this.options.accounts.find((a) => replies?.kontoIdOf(a.receiver) === reply.avsenderId);
    if (account === undefined) return `avsender-id ${JSON.stringify(reply.avsenderId.slice(0, 40))} is no Fiks IO receiver's account`;
    if (reply.type !== MESSAGE_TYPES.mottatt && reply.type !== MESSAGE_TYPES.feilet) return `type ${JSON.stringify(reply.type.slice(0, 60))} is not a reply the portal reads`;
    const index = this.indexById.get(account.receiver) as number;
    const msg = parseMessageUuid(reply.svarTil);
    const tracked = msg === undefined ? undefined : this.tracked.get(msg);
    if (msg === undefined || tracked?.header.receiver !== index) return `svar-til ${JSON.stringify(reply.svarTil.slice(0, 40))} is no message sent to ${account.receiver}`;
    const waiting = this.unconsumed.get(reply.meldingId);
    this.unconsumed.delete(reply.meldingId);
    // A reply published before this portal started has no check begun at its send; it gets one now.
    const check = waiting === undefined ? this.startCheck(msg) : waiting.check;
    const receipt: ProtocolReceipt = reply.type === MESSAGE_TYPES.mottatt ? 'mottatt' : 'feilet';
    const link = this.options.links[index] as ReceiptLink;
    if (check === undefined) {
      link.send(msg, receipt, receipt === 'mottatt');
      return undefined;
    }
    const stored = await check;
    // In the link before the consumer acks: a portal that dies here gets the reply again.
    try {
      link.send(msg, receipt, stored);
    } finally {
      this.checking--;
    }
    return undefined;
  }

  /** Begin the storage check for a receipt; counted until its receipt reaches the link. */
  private startCheck(msg: number): Promise<boolean> | undefined {
    const check = this.options.committedCheck;
    if (check === undefined) return undefined;
    this.checking++;
    return check(msg).catch(() => false);
  }

  private toLink(index: number, msg: number, receipt: ProtocolReceipt, check: Promise<boolean> | undefined, permanent?: boolean): void {
    const link = this.options.links[index] as ReceiptLink;
    if (check === undefined) {
      link.send(msg, receipt, receipt === 'mottatt', permanent);
      return;
    }
    void check.then((stored) => link.send(msg, receipt, stored, permanent)).finally(() => { this.checking--; });
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
export type { PortalAccount, PortalServiceOptions, FiksIoReply, FiksIoReplies, ConsumedReply };
