// The status a reporter reads at GET /bekymringsmelding/{id} follows the ledger: the service folds the
// facts of each of its own reports (deliver, receipt, portal-failed, fallback, purge) into one word.
// A wrong word here tells a reporter a lost report was delivered, so each transition is pinned.

import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { serviceFixture } from '../support/portal-service-fixture.js';

function reported() {
  const fixture = serviceFixture();
  const { id, msg } = fixture.service.submit('bergen', 'public');
  const record = (entry: Record<string, unknown>) => fixture.ledger.append({ t: 0, msg, ...entry } as unknown as LedgerEntry);
  const status = () => fixture.service.status(id).status;
  return { ...fixture, id, msg, record, status };
}

describe('a report\'s status', () => {
  it('is AKSEPTERT at submission, SENDT_FAGSYSTEM once delivered, and a second delivery does not undo a later status', () => {
    const { record, status, service, id } = reported();
    expect(service.status(id)).toEqual({ id, status: 'AKSEPTERT' });
    record({ kind: 'deliver', attempt: 1, style: 'poll', route: 'correct' });
    expect(status()).toBe('SENDT_FAGSYSTEM');
    record({ kind: 'receipt', receipt: 'mottatt', duplicate: false });
    expect(status()).toBe('LEVERT');
    record({ kind: 'deliver', attempt: 2, style: 'poll', route: 'correct' });
    expect(status()).toBe('LEVERT');
  });

  it('becomes LEVERT only on a first mottatt, not on a feilet or a duplicate', () => {
    const { record, status } = reported();
    record({ kind: 'receipt', receipt: 'feilet', duplicate: false });
    expect(status()).toBe('AKSEPTERT');
    record({ kind: 'receipt', receipt: 'mottatt', duplicate: true });
    expect(status()).toBe('AKSEPTERT');
    record({ kind: 'receipt', receipt: 'mottatt', duplicate: false });
    expect(status()).toBe('LEVERT');
  });

  it('is AVVIST_FAGSYSTEM when the portal gives up, SENDT_PRINT only when the fallback printed, SLETTET when purged', () => {
    const { record, status } = reported();
    record({ kind: 'portal-failed', reason: 'permanent-failure' });
    expect(status()).toBe('AVVIST_FAGSYSTEM');
    record({ kind: 'fallback', outcome: 'suppressed' });
    expect(status()).toBe('AVVIST_FAGSYSTEM');
    record({ kind: 'fallback', outcome: 'printed' });
    expect(status()).toBe('SENDT_PRINT');
    record({ kind: 'receipt-sent', receipt: 'mottatt', committed: true });
    expect(status()).toBe('SENDT_PRINT');
    record({ kind: 'purge' });
    expect(status()).toBe('SLETTET');
  });

  it('ignores facts about messages it did not take and facts without a message', () => {
    const { ledger, status, msg } = reported();
    ledger.append({ t: 0, kind: 'purge', msg: msg + 1 });
    ledger.append({ t: 0, kind: 'fault', fault: 'x', phase: 'start', target: 'bergen' });
    expect(status()).toBe('AKSEPTERT');
  });
});
