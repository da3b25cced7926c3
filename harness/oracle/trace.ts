// The story of one message as short readable lines: who sent it where, which faults were in force,
// what the transport and the protocol answered, what the database really did, and when the portal
// purged it — ending with the oracle's fate. Pure functions of the ledger, for counterexamples and
// reports alike: `traceOf` selects the entries (the minimal failing trace), `formatTrace` phrases them
// through a table so a report can print them in another language, `renderTrace` does both in English.

import type { LedgerEntry } from '../ledger/entries.js';
import type { EntryOf } from '../ledger/ledger.js';
import { formatDuration, formatInstant } from '../runtime/time.js';
import { FateFold, fateOf } from './fates.js';

type FaultEntry = EntryOf<'fault'>;

interface TraceOptions {
  /** Receiver ids by index, so lines say "bergen" rather than "receiver 0" and fault targets match. */
  receiverIds?: readonly string[];
}

/** The entries that tell one message's story, in ledger order. */
interface MessageTrace {
  msg: number;
  /** The receiver's id (or "receiver N" when ids were not given). */
  receiver: string;
  entries: LedgerEntry[];
}

/** Kinds that only close the story: faults after the message's last act no longer matter to it. */
const epilogue = new Set<LedgerEntry['kind']>(['purge', 'detect', 'resend', 'redeliver', 'fallback', 'portal-failed', 'notify', 'open']);

/** Fault events that end a process: a planned kill, or an exit nobody asked for (live runs). */
const crashFaults = new Set(['case-system-crash', 'system-exit']);

/**
 * The minimal trace of `msg`: every entry about it; crashes of its receiver during its active life
 * (send to last act before the epilogue); the fault starts, heals and events hitting its receiver
 * that were open at the send or fired during that life; and one heal after it for every window still
 * open then, so each window shown also shows its end. Nightly windows during a 14-day wait for the
 * purge stay out.
 */
function traceOf(entries: readonly LedgerEntry[], msg: number, options: TraceOptions = {}): MessageTrace | undefined {
  const own = entries.filter((e) => 'msg' in e && e.msg === msg);
  const send = own.find((e): e is EntryOf<'send'> => e.kind === 'send');
  if (send === undefined) return undefined;
  const receiverId = options.receiverIds?.[send.receiver];
  const receiver = receiverId ?? `receiver ${send.receiver}`;
  const hits = (e: FaultEntry) => e.target === '*' || (receiverId !== undefined && e.target.split(',').includes(receiverId));
  const active = own.filter((e) => !epilogue.has(e.kind));
  const fromMs = send.t;
  const untilMs = active.length === 0 ? send.t : (active[active.length - 1] as LedgerEntry).t;

  const open = new Map<string, FaultEntry>();
  let openAtSend: FaultEntry[] | undefined;
  const picked = new Set<LedgerEntry>(own);
  const healsWanted = new Set<string>();
  const keyOf = (e: FaultEntry) => `${e.fault}|${e.target}`;
  const snapshot = () => {
    openAtSend = [...open.values()];
    for (const start of openAtSend) healsWanted.add(keyOf(start));
  };
  for (const e of entries) {
    if (e.t > untilMs) break;
    if (e.t >= fromMs && openAtSend === undefined) snapshot();
    if (e.kind === 'crash' || e.kind === 'restart') {
      if (e.t >= fromMs && e.receiver === send.receiver) picked.add(e);
      continue;
    }
    if (e.kind !== 'fault' || !hits(e)) continue;
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
  // Never stored: the first crash of its receiver after its last act, before the epilogue, is the
  // likely end of the write it was waiting on (the crash between receipt and commit), so it is shown.
  if (!own.some((e) => e.kind === 'commit')) {
    const endMs = own.find((e) => epilogue.has(e.kind) && e.t > untilMs)?.t ?? Infinity;
    const crash = entries.find((e) => e.t > untilMs && e.t <= endMs && (
      (e.kind === 'crash' && e.receiver === send.receiver) || (e.kind === 'fault' && e.phase === 'event' && crashFaults.has(e.fault) && hits(e))));
    if (crash !== undefined) picked.add(crash);
  }
  for (const e of entries) {
    if (healsWanted.size === 0) break;
    if (e.kind === 'fault' && e.t > untilMs && e.phase === 'heal' && healsWanted.delete(keyOf(e))) picked.add(e);
  }
  return { msg, receiver, entries: entries.filter((e) => picked.has(e)) };
}

/** How each kind of entry reads; `who` is the traced message's receiver. One table per language. */
type TracePhrases = {
  [K in LedgerEntry['kind']]: (entry: EntryOf<K>, who: string) => string;
} & {
  instant: (ms: number) => string;
  duration: (ms: number) => string;
};

const englishTracePhrases: TracePhrases = {
  instant: formatInstant,
  duration: formatDuration,
  send: (e, who) => `sent by a ${e.sender} reporter to ${who}`,
  deliver: (e) => `portal delivers (${e.style}, attempt ${e.attempt}${e.route === 'wrong' ? ', WRONG ROUTE' : ''})`,
  transport: (e) => `transport answer: ${e.response}`,
  'receipt-sent': (e) => `receiver sends "${e.receipt}"${e.permanent === true ? ' (permanent)' : ''} — ${e.committed ? 'after the commit' : 'BEFORE any commit'}`,
  receipt: (e) => `portal gets "${e.receipt}"${e.duplicate ? ' (duplicate, ignored)' : ''}`,
  'receipt-fault': (e) => `receipt ${e.fault}${e.delayMs === undefined ? '' : ` by ${formatDuration(e.delayMs)}`} on the way back`,
  write: (e) => `write attempt ${e.attempt}`,
  'write-result': (e) => e.outcome === 'ok'
    ? `write ok (${formatDuration(e.latencyMs)})`
    : `write ${e.outcome === 'info' ? 'outcome UNKNOWN' : 'failed'}: ${e.error ?? '?'} (${formatDuration(e.latencyMs)})`,
  commit: (e) => e.duplicate ? 'database: already stored (idempotent commit)' : 'database COMMITS the record',
  discard: (e) => `case system drops it: ${e.reason}`,
  retry: (e) => `retry ${e.attempt} after ${formatDuration(e.backoffMs)}`,
  'duplicate-delivery': (e) => `duplicate delivery: ${e.action}`,
  'portal-failed': (e) => `portal marks it failed (${e.reason})`,
  fallback: (e) => `fallback: ${e.outcome}`,
  purge: () => 'portal PURGES the content',
  redeliver: (e) => `portal re-delivers (${e.accepted ? 'accepted' : 'refused: already purged'})`,
  detect: (e) => `loss detected by ${e.by} — portal ${e.portalHolds ? 'still holds it' : 'has purged it'}`,
  resend: (e) => `reporter chases, nobody finds it, reporter sends it again as #${e.asMsg} — no fault recorded`,
  notify: (e) => `recipient notified (${e.noticed ? 'noticed' : 'not noticed'})`,
  open: () => 'recipient opens it',
  inbox: (e) => `lands in the inbox (${e.roleAssigned ? 'role assigned' : 'NO ONE HAS THE ROLE'})`,
  crash: (e, who) => `case system of ${who} CRASHES (down ${formatDuration(e.downMs)}, ${e.abortedWrites} write(s) rolled back)`,
  restart: (_e, who) => `case system of ${who} restarts`,
  fault: (e) => `fault ${e.fault} ${e.phase === 'start' ? 'opens' : e.phase === 'heal' ? 'heals' : 'fires'} (${e.target === '*' ? 'all receivers' : e.target})`,
  reconcile: (e, who) => `${who} reconciles ${e.checked} id(s), ${e.missing} missing`,
};

/** One aligned line per entry: the instant, the offset from the send, and what happened. */
function formatTrace(trace: MessageTrace, phrases: TracePhrases = englishTracePhrases): string[] {
  const send = trace.entries.find((e) => e.kind === 'send');
  const zero = send?.t ?? 0;
  // Whether a receipt came after the commit is read from the ledger's commits, not from the receiver's
  // own claim: a 'seen'-dedupe receiver answers "mottatt" for a report it never stored.
  let committed = false;
  const rows = trace.entries.map((entry) => {
    if (entry.kind === 'commit' && entry.msg === trace.msg && entry.receiver === send?.receiver) committed = true;
    const e = entry.kind === 'receipt-sent' ? { ...entry, committed } : entry;
    const describe = phrases[e.kind] as (entry: LedgerEntry, who: string) => string;
    const offset = e.t < zero ? `-${phrases.duration(zero - e.t)}` : `+${phrases.duration(e.t - zero)}`;
    return [phrases.instant(e.t), offset, describe(e, trace.receiver)] as const;
  });
  const instantWidth = Math.max(0, ...rows.map((r) => r[0].length));
  const offsetWidth = Math.max(0, ...rows.map((r) => r[1].length));
  return rows.map(([at, offset, text]) => `${at.padEnd(instantWidth)}  ${offset.padStart(offsetWidth)}  ${text}`);
}

/** A header with the message's fate, then its minimal trace, indented — for counterexamples and logs. */
function renderTrace(entries: readonly LedgerEntry[], msg: number, options: TraceOptions = {}): string[] {
  const trace = traceOf(entries, msg, options);
  if (trace === undefined) return [`message #${msg}: not in the ledger`];
  const fold = new FateFold();
  for (const e of trace.entries) fold.observe(e);
  const facts = fold.facts.get(msg);
  const fate = facts === undefined ? 'unknown' : fateOf(facts).fate;
  return [`message #${msg} to ${trace.receiver} — fate: ${fate}`, ...formatTrace(trace).map((line) => `  ${line}`)];
}

export { traceOf, formatTrace, renderTrace, englishTracePhrases };
export type { MessageTrace, TraceOptions, TracePhrases };
