// Ledger entries: plain, serialisable facts with a virtual time `t` (ms). Every component appends;
// only the oracle interprets. Field names follow the protocols (mottatt/feilet) where they exist.

type SenderKind = 'public' | 'private';
type DeliveryStyle = 'push' | 'poll';
/** `expired` and `delivery-limit`: what a broker's platform reported (Fiks IO tidsavbrudd, serverfeil). */
type TransportResponse = 'ack' | 'nack' | 'nack-requeue' | 'timeout' | 'expired' | 'delivery-limit';
type ProtocolReceipt = 'mottatt' | 'feilet';
/** Jepsen's vocabulary: ok = definitely happened, fail = definitely did not, info = unknown. */
type Outcome = 'ok' | 'fail' | 'info';
/** `ttl-expired`: Fiks IO's `tidsavbrudd` — the message's TTL ran out in the receiver's queue. */
type FailReason = 'feilet' | 'permanent-failure' | 'max-deliveries' | 'receipt-deadline' | 'ttl-expired';
type DetectionSource = 'reconciliation' | 'reporter' | 'alert';

interface SendEntry { t: number; kind: 'send'; msg: number; receiver: number; sender: SenderKind }
/** The portal handed the message to the receiver (push) or the receiver downloaded it (poll). */
interface DeliverEntry { t: number; kind: 'deliver'; msg: number; attempt: number; style: DeliveryStyle; route: 'correct' | 'wrong' }
interface TransportEntry { t: number; kind: 'transport'; msg: number; response: TransportResponse }
/** The receiver sent a protocol receipt (it may still be lost on the way). */
interface ReceiptSentEntry { t: number; kind: 'receipt-sent'; msg: number; receipt: ProtocolReceipt; committed: boolean; permanent?: boolean }
/** The portal got a protocol receipt. `duplicate` when it already had one. */
interface ReceiptEntry { t: number; kind: 'receipt'; msg: number; receipt: ProtocolReceipt; duplicate: boolean; permanent?: boolean }
interface ReceiptFaultEntry { t: number; kind: 'receipt-fault'; msg: number; fault: 'lost' | 'duplicated' | 'late'; delayMs?: number }
interface WriteEntry { t: number; kind: 'write'; msg: number; receiver: number; attempt: number }
interface WriteResultEntry { t: number; kind: 'write-result'; msg: number; outcome: Outcome; error?: string; latencyMs: number }
/** Ground truth from the database itself: a durable record now exists. */
interface CommitEntry { t: number; kind: 'commit'; msg: number; receiver: number; duplicate: boolean }
/** The case system gave up on a message without telling the portal (the 2023 flaw). */
interface DiscardEntry { t: number; kind: 'discard'; msg: number; reason: string }
interface RetryEntry { t: number; kind: 'retry'; msg: number; attempt: number; backoffMs: number }
interface DuplicateEntry { t: number; kind: 'duplicate-delivery'; msg: number; action: 'already-stored' | 'joined-pending' | 'ignored-seen' }
interface FailedEntry { t: number; kind: 'portal-failed'; msg: number; reason: FailReason }
interface FallbackEntry { t: number; kind: 'fallback'; msg: number; outcome: 'printed' | 'suppressed' | 'channel-down' }
interface PurgeEntry { t: number; kind: 'purge'; msg: number }
interface RedeliverEntry { t: number; kind: 'redeliver'; msg: number; accepted: boolean }
interface DetectEntry { t: number; kind: 'detect'; msg: number; by: DetectionSource; portalHolds: boolean }
/** A reporter chased, the case worker found nothing, and the reporter sent the content again as `asMsg`: nobody records a fault (category D). */
interface ResendEntry { t: number; kind: 'resend'; msg: number; asMsg: number }
interface NotifyEntry { t: number; kind: 'notify'; msg: number; noticed: boolean }
interface OpenEntry { t: number; kind: 'open'; msg: number }
interface InboxEntry { t: number; kind: 'inbox'; msg: number; roleAssigned: boolean }
interface CrashEntry { t: number; kind: 'crash'; receiver: number; downMs: number; abortedWrites: number }
interface RestartEntry { t: number; kind: 'restart'; receiver: number }
interface FaultEntry { t: number; kind: 'fault'; fault: string; phase: 'start' | 'heal' | 'event'; target: string }
interface ReconcileEntry { t: number; kind: 'reconcile'; receiver: number; checked: number; missing: number }

type LedgerEntry =
  | SendEntry | DeliverEntry | TransportEntry | ReceiptSentEntry | ReceiptEntry | ReceiptFaultEntry
  | WriteEntry | WriteResultEntry | CommitEntry | DiscardEntry | RetryEntry | DuplicateEntry
  | FailedEntry | FallbackEntry | PurgeEntry | RedeliverEntry | DetectEntry | ResendEntry | NotifyEntry | OpenEntry
  | InboxEntry | CrashEntry | RestartEntry | FaultEntry | ReconcileEntry;

type LedgerKind = LedgerEntry['kind'];

export type {
  LedgerEntry, LedgerKind, SenderKind, DeliveryStyle, TransportResponse, ProtocolReceipt, Outcome,
  FailReason, DetectionSource,
};
