// The story of one message as short readable lines: who sent it where, which faults were in force,
// what the transport and the protocol answered, what the database really did, and when the portal
// purged it — ending with the oracle's fate. A pure function of the ledger, for counterexamples and
// reports alike.

import type { LedgerEntry } from '../ledger/entries.js';
import { formatDuration, formatInstant } from '../runtime/time.js';
import { FateFold, fateOf } from './fates.js';

interface TraceOptions {
  /** Receiver ids by index, so lines say "bergen" rather than "receiver 0". */
  receiverIds?: readonly string[];
}

function concerns(entry: LedgerEntry, msg: number): boolean {
  return 'msg' in entry && entry.msg === msg;
}

function describe(entry: LedgerEntry, name: (i: number) => string): string | undefined {
  switch (entry.kind) {
    case 'send': return `sent by a ${entry.sender} reporter to ${name(entry.receiver)}`;
    case 'deliver': return `portal delivers (${entry.style}, attempt ${entry.attempt}${entry.route === 'wrong' ? ', WRONG ROUTE' : ''})`;
    case 'transport': return `transport answer: ${entry.response}`;
    case 'receipt-sent': return `receiver sends "${entry.receipt}"${entry.permanent === true ? ' (permanent)' : ''} — ${entry.committed ? 'after the commit' : 'BEFORE any commit'}`;
    case 'receipt': return `portal gets "${entry.receipt}"${entry.duplicate ? ' (duplicate, ignored)' : ''}`;
    case 'receipt-fault': return `receipt ${entry.fault}${entry.delayMs === undefined ? '' : ` by ${formatDuration(entry.delayMs)}`} on the way back`;
    case 'write': return `write attempt ${entry.attempt}`;
    case 'write-result': return entry.outcome === 'ok'
      ? `write ok (${formatDuration(entry.latencyMs)})`
      : `write ${entry.outcome === 'info' ? 'outcome UNKNOWN' : 'failed'}: ${entry.error ?? '?'} (${formatDuration(entry.latencyMs)})`;
    case 'commit': return entry.duplicate ? 'database: already stored (idempotent commit)' : 'database COMMITS the record';
    case 'discard': return `case system drops it: ${entry.reason}`;
    case 'retry': return `retry ${entry.attempt} after ${formatDuration(entry.backoffMs)}`;
    case 'duplicate-delivery': return `duplicate delivery: ${entry.action}`;
    case 'portal-failed': return `portal marks it failed (${entry.reason})`;
    case 'fallback': return `fallback: ${entry.outcome}`;
    case 'purge': return 'portal PURGES the content';
    case 'redeliver': return `portal re-delivers (${entry.accepted ? 'accepted' : 'refused: already purged'})`;
    case 'detect': return `loss detected by ${entry.by} — portal ${entry.portalHolds ? 'still holds it' : 'has purged it'}`;
    case 'notify': return `recipient notified (${entry.noticed ? 'noticed' : 'not noticed'})`;
    case 'open': return 'recipient opens it';
    case 'inbox': return `lands in the inbox (${entry.roleAssigned ? 'role assigned' : 'NO ONE HAS THE ROLE'})`;
    case 'crash': return `case system of ${name(entry.receiver)} CRASHES (down ${formatDuration(entry.downMs)}, ${entry.abortedWrites} write(s) rolled back)`;
    case 'restart': return `case system of ${name(entry.receiver)} restarts`;
    case 'fault': return `fault ${entry.fault} ${entry.phase === 'start' ? 'opens' : entry.phase === 'heal' ? 'heals' : 'fires'} (${entry.target === '*' ? 'all receivers' : entry.target})`;
    default: return undefined;
  }
}

/**
 * Lines for message `msg`: a header with its fate, then every fact about it in time order, with the
 * faults and crashes of its receiver that were in force from its send to its last fact.
 */
function renderTrace(entries: readonly LedgerEntry[], msg: number, options: TraceOptions = {}): string[] {
  const name = (i: number) => options.receiverIds?.[i] ?? `receiver ${i}`;
  const own = entries.filter((e) => concerns(e, msg));
  const send = own.find((e) => e.kind === 'send');
  if (send === undefined || send.kind !== 'send') return [`message #${msg}: not in the ledger`];
  const receiver = send.receiver;
  const receiverId = options.receiverIds?.[receiver];
  const last = own[own.length - 1] as LedgerEntry;
  const hitsReceiver = (e: LedgerEntry) => {
    if (e.kind === 'crash' || e.kind === 'restart') return e.receiver === receiver;
    if (e.kind !== 'fault') return false;
    return e.target === '*' || (receiverId !== undefined && e.target.split(',').includes(receiverId));
  };

  // Windows already open when the message was sent are shown at their opening; ones healed before are not.
  const open = new Map<string, LedgerEntry>();
  const lines: LedgerEntry[] = [];
  let started = false;
  for (const e of entries) {
    if (e === send) {
      started = true;
      lines.push(...open.values());
    }
    if (!started) {
      if (e.kind === 'fault' && hitsReceiver(e)) {
        const key = `${e.fault}|${e.target}`;
        if (e.phase === 'start') open.set(key, e);
        else if (e.phase === 'heal') open.delete(key);
      }
      continue;
    }
    if (e.t > last.t) break;
    if (concerns(e, msg) || hitsReceiver(e)) lines.push(e);
  }

  const fold = new FateFold();
  for (const e of own) fold.observe(e);
  const facts = fold.facts.get(msg);
  const fate = facts === undefined ? 'unknown' : fateOf(facts).fate;
  const width = Math.max(...lines.map((e) => formatInstant(e.t).length));
  return [
    `message #${msg} to ${name(receiver)} — fate: ${fate}`,
    ...lines.flatMap((e) => {
      const text = describe(e, name);
      return text === undefined ? [] : [`  ${formatInstant(e.t).padEnd(width)}  ${text}`];
    }),
  ];
}

export { renderTrace };
export type { TraceOptions };
