// The failing trace in Norwegian (reports/i18n.ts, nbTracePhrases): one ledger entry per kind and per
// branch, and the exact line a Norwegian reader sees for it — every fault kind's name, every transport
// answer, failure reason and printing outcome, and an unknown value shown as written.

import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { messagesFor } from '../../reports/i18n.js';

const phrases = messagesFor('nb').tracePhrases;

function line(entry: LedgerEntry): string {
  return (phrases[entry.kind] as (e: LedgerEntry, who: string) => string)(entry, 'Bergen');
}

// Casts: values outside the ledger's types, as a newer simulator (or a live system) could write them.
const cases: [LedgerEntry, string][] = [
  [{ t: 0, kind: 'send', msg: 1, receiver: 0, sender: 'public' }, 'en offentlig melder sendte melding #1 til Bergen'],
  [{ t: 0, kind: 'send', msg: 1, receiver: 0, sender: 'private' }, 'en privatperson sendte melding #1 til Bergen'],
  [{ t: 0, kind: 'deliver', msg: 1, attempt: 1, style: 'push', route: 'correct' }, 'portalen leverte #1 til Bergen (levering 1)'],
  [{ t: 0, kind: 'deliver', msg: 1, attempt: 2, style: 'push', route: 'wrong' }, 'portalen leverte #1 til en kanal ingen følger med på (levering 2)'],
  [{ t: 0, kind: 'deliver', msg: 1, attempt: 1, style: 'poll', route: 'correct' }, 'Bergen lastet ned #1 fra portalen (levering 1)'],
  [{ t: 0, kind: 'deliver', msg: 1, attempt: 3, style: 'poll', route: 'wrong' }, 'Bergen lastet ned #1 fra portalen via feil tjeneste (levering 3)'],
  [{ t: 0, kind: 'transport', msg: 1, response: 'ack' }, 'Bergen svarte transporten med ack (bekreftet)'],
  [{ t: 0, kind: 'transport', msg: 1, response: 'nack' }, 'Bergen svarte transporten med nack (avvist)'],
  [{ t: 0, kind: 'transport', msg: 1, response: 'nack-requeue' }, 'Bergen svarte transporten med nack med ny kø'],
  [{ t: 0, kind: 'transport', msg: 1, response: 'timeout' }, 'Bergen svarte transporten med tidsavbrudd'],
  [{ t: 0, kind: 'transport', msg: 1, response: 'expired' }, 'Bergen svarte transporten med expired'],
  [{ t: 0, kind: 'receipt-sent', msg: 1, receipt: 'mottatt', committed: true }, 'Bergen sendte kvittering «mottatt» — etter posten var lagret'],
  [{ t: 0, kind: 'receipt-sent', msg: 1, receipt: 'mottatt', committed: false, permanent: false }, 'Bergen sendte kvittering «mottatt» — FØR posten var lagret'],
  [{ t: 0, kind: 'receipt-sent', msg: 1, receipt: 'feilet', committed: true, permanent: true }, 'Bergen sendte kvittering «feilet» (permanent) — etter posten var lagret'],
  [{ t: 0, kind: 'receipt', msg: 1, receipt: 'mottatt', duplicate: false }, 'portalen fikk kvittering «mottatt»'],
  [{ t: 0, kind: 'receipt', msg: 1, receipt: 'feilet', duplicate: true }, 'portalen fikk kvittering «feilet» (duplikat)'],
  [{ t: 0, kind: 'receipt-fault', msg: 1, fault: 'lost' }, 'kvitteringen ble borte underveis'],
  [{ t: 0, kind: 'receipt-fault', msg: 1, fault: 'duplicated' }, 'kvitteringen ble duplisert underveis'],
  [{ t: 0, kind: 'receipt-fault', msg: 1, fault: 'late' }, 'kvitteringen ble forsinket underveis'],
  [{ t: 0, kind: 'receipt-fault', msg: 1, fault: 'late', delayMs: 90000 }, 'kvitteringen ble forsinket med 1m 30s underveis'],
  [{ t: 0, kind: 'write', msg: 1, receiver: 0, attempt: 2 }, 'Bergen begynte å skrive #1 til databasen (forsøk 2)'],
  [{ t: 0, kind: 'write-result', msg: 1, outcome: 'ok', latencyMs: 40 }, 'databaseskrivingen lyktes etter 40ms'],
  [{ t: 0, kind: 'write-result', msg: 1, outcome: 'fail', error: 'deadlock', latencyMs: 1500 }, 'databaseskrivingen FEILET med deadlock etter 1s'],
  [{ t: 0, kind: 'write-result', msg: 1, outcome: 'info', latencyMs: 30000 }, 'databaseskrivingen fikk tidsavbrudd (utfall ukjent) etter 30s'],
  [{ t: 0, kind: 'commit', msg: 1, receiver: 0, duplicate: false }, 'databasen lagret #1'],
  [{ t: 0, kind: 'commit', msg: 1, receiver: 0, duplicate: true }, 'databasen lagret #1 på nytt (duplikat)'],
  [{ t: 0, kind: 'discard', msg: 1, reason: 'write failed after receipt was sent' }, 'Bergen forkastet #1 uten å si fra til portalen: skrivingen feilet etter at kvitteringen var sendt'],
  [{ t: 0, kind: 'discard', msg: 1, reason: 'queue full' }, 'Bergen forkastet #1 uten å si fra til portalen: queue full'],
  [{ t: 0, kind: 'retry', msg: 1, attempt: 2, backoffMs: 2000 }, 'Bergen prøver skrivingen igjen om 2s (forsøk 2)'],
  [{ t: 0, kind: 'duplicate-delivery', msg: 1, action: 'already-stored' }, 'Bergen fikk #1 på nytt: allerede lagret'],
  [{ t: 0, kind: 'duplicate-delivery', msg: 1, action: 'joined-pending' }, 'Bergen fikk #1 på nytt: venter på skrivingen som pågår'],
  [{ t: 0, kind: 'duplicate-delivery', msg: 1, action: 'ignored-seen' }, 'Bergen fikk #1 på nytt: ignorert fordi den var sett før'],
  [{ t: 0, kind: 'duplicate-delivery', msg: 1, action: 'something-else' } as unknown as LedgerEntry, 'Bergen fikk #1 på nytt: something-else'],
  [{ t: 0, kind: 'portal-failed', msg: 1, reason: 'feilet' }, 'portalen markerte #1 som feilet («feilet» fra mottakeren)'],
  [{ t: 0, kind: 'portal-failed', msg: 1, reason: 'permanent-failure' }, 'portalen markerte #1 som feilet (permanent feil)'],
  [{ t: 0, kind: 'portal-failed', msg: 1, reason: 'max-deliveries' }, 'portalen markerte #1 som feilet (for mange leveringsforsøk)'],
  [{ t: 0, kind: 'portal-failed', msg: 1, reason: 'receipt-deadline' }, 'portalen markerte #1 som feilet (fristen for kvittering gikk ut)'],
  [{ t: 0, kind: 'portal-failed', msg: 1, reason: 'ttl-expired' }, 'portalen markerte #1 som feilet (ttl-expired)'],
  [{ t: 0, kind: 'fallback', msg: 1, outcome: 'printed' }, 'portalen skrev ut #1 og sendte den i posten'],
  [{ t: 0, kind: 'fallback', msg: 1, outcome: 'suppressed' }, 'portalen kunne ikke skrive ut #1: utskrift er slått av'],
  [{ t: 0, kind: 'fallback', msg: 1, outcome: 'channel-down' }, 'portalen kunne ikke skrive ut #1: utskriftskanalen er nede'],
  [{ t: 0, kind: 'fallback', msg: 1, outcome: 'jammed' } as unknown as LedgerEntry, 'portalen kunne ikke skrive ut #1: jammed'],
  [{ t: 0, kind: 'purge', msg: 1 }, 'portalen SLETTET #1 — innholdet er borte'],
  [{ t: 0, kind: 'redeliver', msg: 1, accepted: true }, 'portalen leverte #1 på nytt'],
  [{ t: 0, kind: 'redeliver', msg: 1, accepted: false }, 'portalen leverte #1 på nytt (avvist: allerede slettet)'],
  [{ t: 0, kind: 'resend', msg: 1, asMsg: 9 }, 'melderen purret, ingen fant meldingen, og melderen sendte den på nytt som #9 — ingen feil registrert'],
  [{ t: 0, kind: 'detect', msg: 1, by: 'reconciliation', portalHolds: true }, 'tapet av #1 ble oppdaget ved avstemming mens portalen fortsatt hadde den'],
  [{ t: 0, kind: 'detect', msg: 1, by: 'reconciliation', portalHolds: false }, 'tapet av #1 ble oppdaget ved avstemming etter at portalen hadde slettet den'],
  [{ t: 0, kind: 'detect', msg: 1, by: 'reporter', portalHolds: true }, 'tapet av #1 ble oppdaget ved purring fra melder mens portalen fortsatt hadde den'],
  [{ t: 0, kind: 'detect', msg: 1, by: 'reporter', portalHolds: false }, 'tapet av #1 ble oppdaget ved purring fra melder etter at portalen hadde slettet den'],
  [{ t: 0, kind: 'detect', msg: 1, by: 'alert', portalHolds: true }, 'tapet av #1 ble oppdaget ved varsling mens portalen fortsatt hadde den'],
  [{ t: 0, kind: 'detect', msg: 1, by: 'alert', portalHolds: false }, 'tapet av #1 ble oppdaget ved varsling etter at portalen hadde slettet den'],
  [{ t: 0, kind: 'notify', msg: 1, noticed: true }, 'mottakeren ble varslet om #1'],
  [{ t: 0, kind: 'notify', msg: 1, noticed: false }, 'mottakeren ble varslet om #1 (ikke lagt merke til)'],
  [{ t: 0, kind: 'open', msg: 1 }, 'en person åpnet #1'],
  [{ t: 0, kind: 'inbox', msg: 1, roleAssigned: true }, '#1 kom i innboksen'],
  [{ t: 0, kind: 'inbox', msg: 1, roleAssigned: false }, '#1 kom i innboksen — ingen har rollen som trengs for å lese den'],
  [{ t: 0, kind: 'crash', receiver: 0, downMs: 600000, abortedWrites: 3 }, 'Bergen krasjet i 10m (3 skriving(er) avbrutt)'],
  [{ t: 0, kind: 'restart', receiver: 0 }, 'Bergen startet på nytt'],
  [{ t: 0, kind: 'fault', fault: 'db-overload', phase: 'start', target: '*' }, 'feilen «overbelastet database» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'backup-spike', phase: 'start', target: '*' }, 'feilen «sikkerhetskopi som tar serveren» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'db-outage', phase: 'start', target: '*' }, 'feilen «databasebrudd» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'db-slow-commit', phase: 'start', target: '*' }, 'feilen «treg lagring» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'db-log-full', phase: 'start', target: '*' }, 'feilen «full transaksjonslogg» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'premature-ack', phase: 'start', target: '*' }, 'feilen «kvittering før lagring» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'case-system-outage', phase: 'start', target: '*' }, 'feilen «fagsystemet nede» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'crash-after-ack', phase: 'start', target: '*' }, 'feilen «krasj etter kvittering» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'receipt-lost', phase: 'start', target: '*' }, 'feilen «kvittering borte» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'receipt-duplicated', phase: 'start', target: '*' }, 'feilen «dobbel kvittering» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'receipt-late', phase: 'start', target: '*' }, 'feilen «forsinket kvittering» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'wrong-route', phase: 'start', target: '*' }, 'feilen «feil tjeneste» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'fallback-disabled', phase: 'start', target: '*' }, 'feilen «utskrift slått av» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'fallback-channel-down', phase: 'start', target: '*' }, 'feilen «utskriftskanalen nede» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'recipient-role-missing', phase: 'start', target: '*' }, 'feilen «manglende rolle hos mottaker» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'notification-flood', phase: 'start', target: '*' }, 'feilen «flom av varsler» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'case-system-crash', phase: 'start', target: '*' }, 'feilen «fagsystemet krasjer» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'early-purge', phase: 'start', target: '*' }, 'feilen «tidlig sletting» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'db-session-kill', phase: 'start', target: '*' }, 'feilen «databaseøkter avbrutt» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'db-statement-timeout', phase: 'start', target: '*' }, 'feilen «tidsgrense for spørringer» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'db-lock-timeout', phase: 'start', target: '*' }, 'feilen «tidsgrense for låsventing» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'db-connection-exhaustion', phase: 'start', target: '*' }, 'feilen «ingen ledige databasetilkoblinger» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'solar-flare', phase: 'start', target: '*' }, 'feilen «solar-flare» startet (mål alle mottakere)'],
  [{ t: 0, kind: 'fault', fault: 'db-outage', phase: 'heal', target: 'bergen' }, 'feilen «databasebrudd» opphørte (mål bergen)'],
  [{ t: 0, kind: 'fault', fault: 'case-system-crash', phase: 'event', target: 'voss' }, 'feilen «fagsystemet krasjer» inntraff (mål voss)'],
  [{ t: 0, kind: 'reconcile', receiver: 0, checked: 120, missing: 2 }, 'Bergen avstemte 120 id-er, 2 mangler'],
];

describe('Norwegian trace lines', () => {
  it.each(cases)('%j reads %j', (entry, expected) => {
    expect(line(entry)).toBe(expected);
  });

  it('cover every kind of ledger entry', () => {
    const kinds = Object.keys(phrases).filter((k) => k !== 'instant' && k !== 'duration').sort();
    expect([...new Set(cases.map(([e]) => e.kind))].sort()).toEqual(kinds);
  });
});
