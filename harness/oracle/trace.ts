// The minimal failing trace: the ledger entries of one lost message plus the fault entries around it,
// so a person sees who sent what, which fault was open, which receipt lied, and when the portal purged.
// Selection and formatting are pure; the phrasing is a table so a report can swap in another language.

import type { LedgerEntry } from '../ledger/entries.js';
import type { EntryOf } from '../ledger/ledger.js';
import { formatDuration, formatInstant } from '../runtime/time.js';

type FaultEntry = EntryOf<'fault'>;

interface TraceOptions {
  /** Receiver ids by index, to name who acted and to match fault targets. */
  receivers: readonly string[];
}

/** Entries that concern one message, in ledger order, with the faults that framed its life. */
interface MessageTrace {
  msg: number;
  receiver: string;
  entries: LedgerEntry[];
}

/** Kinds that only close the story (purge, detection): the faults after the last act do not matter. */
const epilogue = new Set<LedgerEntry['kind']>(['purge', 'detect', 'redeliver', 'fallback', 'portal-failed', 'notify', 'open']);

function hits(entry: FaultEntry, receiver: string): boolean {
  return entry.target === '*' || entry.target.split(',').includes(receiver);
}

function concerns(entry: LedgerEntry, msg: number, receiverIndex: number): boolean {
  if ('msg' in entry) return entry.msg === msg;
  return (entry.kind === 'crash' || entry.kind === 'restart') && entry.receiver === receiverIndex;
}

/**
 * The trace of `msg`: its own entries, crashes of its receiver during its active life, and the fault
 * starts, heals and events that were open or fired between its send and its last act before the
 * epilogue (one heal after that, so every window shown also shows its end).
 */
function traceOf(entries: readonly LedgerEntry[], msg: number, options: TraceOptions): MessageTrace | undefined {
  const own = entries.filter((e) => 'msg' in e && e.msg === msg);
  const send = own.find((e): e is EntryOf<'send'> => e.kind === 'send');
  if (send === undefined) return undefined;
  const receiver = options.receivers[send.receiver] ?? String(send.receiver);
  const active = own.filter((e) => !epilogue.has(e.kind));
  const fromMs = send.t;
  const untilMs = active.length === 0 ? send.t : (active[active.length - 1] as LedgerEntry).t;

  // Windows already open at the send: their start entries come before it in the ledger.
  const open = new Map<string, FaultEntry>();
  let openAtSend: FaultEntry[] | undefined;
  const picked = new Set<LedgerEntry>(own);
  const healsWanted = new Set<string>();
  const keyOf = (e: FaultEntry) => `${e.fault}@${e.target}`;
  const snapshot = () => {
    openAtSend = [...open.values()];
    for (const start of openAtSend) healsWanted.add(keyOf(start));
  };
  for (const e of entries) {
    if (e.t > untilMs) break;
    if (e.t >= fromMs && openAtSend === undefined) snapshot();
    if (e.kind !== 'fault') {
      if (e.t >= fromMs && concerns(e, msg, send.receiver)) picked.add(e);
      continue;
    }
    if (!hits(e, receiver)) continue;
    if (e.t < fromMs) {
      if (e.phase === 'start') open.set(keyOf(e), e);
      else if (e.phase === 'heal') open.delete(keyOf(e));
      continue;
    }
    picked.add(e);
    if (e.phase === 'start') healsWanted.add(keyOf(e));
    if (e.phase === 'heal') healsWanted.delete(keyOf(e));
  }
  if (openAtSend === undefined) snapshot();
  for (const start of openAtSend ?? []) picked.add(start);
  // One heal after the active life for every window still open then, so each window shows its end.
  for (const e of entries) {
    if (healsWanted.size === 0) break;
    if (e.kind === 'fault' && e.t > untilMs && e.phase === 'heal' && healsWanted.delete(keyOf(e))) picked.add(e);
  }
  const ordered = entries.filter((e) => picked.has(e));
  return { msg, receiver, entries: ordered };
}

/** How each kind of entry reads; `who` is the receiver's id. One table per language. */
type TracePhrases = {
  [K in LedgerEntry['kind']]: (entry: EntryOf<K>, who: string) => string;
} & {
  instant: (ms: number) => string;
  duration: (ms: number) => string;
};

const englishTracePhrases: TracePhrases = {
  instant: formatInstant,
  duration: formatDuration,
  send: (e, who) => `${e.sender === 'public' ? 'a public-sector reporter' : 'a private person'} sent report #${e.msg} to ${who}`,
  deliver: (e, who) => e.style === 'push'
    ? `portal pushed #${e.msg} to ${e.route === 'wrong' ? 'an unwatched channel' : who} (delivery ${e.attempt})`
    : `${who} downloaded #${e.msg} from the portal${e.route === 'wrong' ? ' via the wrong route' : ''} (delivery ${e.attempt})`,
  transport: (e, who) => `${who} answered the transport with ${e.response}`,
  'receipt-sent': (e, who) => `${who} sent receipt "${e.receipt}"${e.permanent === true ? ' (permanent)' : ''} — ${e.committed ? 'after' : 'BEFORE'} the record was committed`,
  receipt: (e) => `portal got receipt "${e.receipt}"${e.duplicate ? ' (duplicate)' : ''}`,
  'receipt-fault': (e) => `the receipt was ${e.fault}${e.delayMs === undefined ? '' : ` by ${formatDuration(e.delayMs)}`} on the way`,
  write: (e, who) => `${who} began writing #${e.msg} to its database (attempt ${e.attempt})`,
  'write-result': (e) => `the database write ${e.outcome === 'ok' ? 'succeeded' : e.outcome === 'fail' ? 'FAILED' : 'timed out (outcome unknown)'}${e.error === undefined ? '' : ` with ${e.error}`} after ${formatDuration(e.latencyMs)}`,
  commit: (e) => `the database committed #${e.msg}${e.duplicate ? ' again (duplicate)' : ''}`,
  discard: (e, who) => `${who} dropped #${e.msg} without telling the portal: ${e.reason}`,
  retry: (e, who) => `${who} will retry the write in ${formatDuration(e.backoffMs)} (attempt ${e.attempt})`,
  'duplicate-delivery': (e, who) => `${who} saw #${e.msg} again: ${e.action}`,
  'portal-failed': (e) => `portal marked #${e.msg} failed (${e.reason})`,
  fallback: (e) => e.outcome === 'printed' ? `portal printed #${e.msg} and sent it by post` : `portal could not print #${e.msg}: ${e.outcome}`,
  purge: (e) => `portal PURGED #${e.msg} — the content is gone`,
  redeliver: (e) => `portal re-delivered #${e.msg}${e.accepted ? '' : ' (refused: already purged)'}`,
  detect: (e) => `the loss of #${e.msg} was detected by ${e.by}${e.portalHolds ? ' while the portal still held it' : ' after the portal had purged it'}`,
  notify: (e) => `the recipient was notified of #${e.msg}${e.noticed ? '' : ' (not noticed)'}`,
  open: (e) => `a person opened #${e.msg}`,
  inbox: (e) => `#${e.msg} arrived in the inbox${e.roleAssigned ? '' : ' — nobody holds the role to read it'}`,
  crash: (e, who) => `${who} crashed for ${formatDuration(e.downMs)} (${e.abortedWrites} write(s) aborted)`,
  restart: (_e, who) => `${who} restarted`,
  fault: (e) => `fault ${e.fault} ${e.phase === 'start' ? 'began' : e.phase === 'heal' ? 'healed' : 'fired'} (target ${e.target})`,
  reconcile: (e, who) => `${who} reconciled ${e.checked} id(s), ${e.missing} missing`,
};

/** One line per entry: instant, offset from the send, and what happened. */
function formatTrace(trace: MessageTrace, phrases: TracePhrases = englishTracePhrases): string[] {
  const send = trace.entries.find((e) => e.kind === 'send');
  const zero = send?.t ?? 0;
  const rows = trace.entries.map((e) => {
    const describe = phrases[e.kind] as (entry: LedgerEntry, who: string) => string;
    const offset = e.t < zero ? `-${phrases.duration(zero - e.t)}` : `+${phrases.duration(e.t - zero)}`;
    return [phrases.instant(e.t), offset, describe(e, trace.receiver)] as const;
  });
  const instantWidth = Math.max(0, ...rows.map((r) => r[0].length));
  const offsetWidth = Math.max(0, ...rows.map((r) => r[1].length));
  return rows.map(([at, offset, text]) => `${at.padEnd(instantWidth)}  ${offset.padStart(offsetWidth)}  ${text}`);
}

export { traceOf, formatTrace, englishTracePhrases };
export type { MessageTrace, TraceOptions, TracePhrases };
