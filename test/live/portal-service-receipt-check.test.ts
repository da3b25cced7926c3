// A receipt over SvarInn (kvitterMottak / mottakFeilet) is recorded with what the receiver's storage
// really held when it arrived, when the service has a storage check: the receiver's claim alone is not
// ground truth. While a check runs the receipt is counted as pending (the live runner waits for 0).

import { describe, expect, it } from 'vitest';
import { ofKind } from '../../harness/ledger/ledger.js';
import { serviceFixture } from '../support/portal-service-fixture.js';

describe('a SvarInn receipt with a storage check', () => {
  it('waits for the check and records a mottatt as not committed when storage does not hold it', async () => {
    const { service, account, checks, settle, ledger } = serviceFixture({ checked: true });
    const { id, msg } = service.submit('bergen', 'public');
    service.receipt(account('bergen'), id, 'mottatt');
    expect(service.pendingReceiptChecks).toBe(1);
    expect(checks.map((c) => c.msg)).toEqual([msg]);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([]);
    checks[0]?.resolve(false);
    await settle();
    expect(service.pendingReceiptChecks).toBe(0);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([{ t: 0, kind: 'receipt-sent', msg, receipt: 'mottatt', committed: false }]);
  });

  it('records a feilet as committed when storage holds it anyway, keeping the permanent flag', async () => {
    const { service, account, checks, settle, ledger } = serviceFixture({ checked: true });
    const { id, msg } = service.submit('bergen', 'public');
    service.receipt(account('bergen'), id, 'feilet', true);
    checks[0]?.resolve(true);
    await settle();
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([{ t: 0, kind: 'receipt-sent', msg, receipt: 'feilet', committed: true, permanent: true }]);
  });

  it('counts a check that fails as not stored and still stops counting it', async () => {
    const { service, account, checks, settle, ledger } = serviceFixture({ checked: true });
    const { id, msg } = service.submit('bergen', 'public');
    service.receipt(account('bergen'), id, 'mottatt');
    checks[0]?.reject(new Error('connection refused'));
    await settle();
    expect(service.pendingReceiptChecks).toBe(0);
    expect(ofKind(ledger.entries, 'receipt-sent').map((e) => [e.msg, e.committed])).toEqual([[msg, false]]);
  });

  it('without a check records the claim at once: mottatt committed, feilet not', () => {
    const { service, account, ledger } = serviceFixture();
    const a = service.submit('bergen', 'public');
    const b = service.submit('bergen', 'public');
    service.receipt(account('bergen'), a.id, 'mottatt');
    service.receipt(account('bergen'), b.id, 'feilet', false);
    expect(service.pendingReceiptChecks).toBe(0);
    expect(ofKind(ledger.entries, 'receipt-sent').map((e) => [e.msg, e.receipt, e.committed, e.permanent])).toEqual([[a.msg, 'mottatt', true, undefined], [b.msg, 'feilet', false, false]]);
  });

  it('refuses a receipt for another receiver\'s shipment as unknown, starting no check', () => {
    const { service, account, checks } = serviceFixture({ checked: true });
    const { id } = service.submit('oslo', 'public');
    expect(() => service.receipt(account('bergen'), id, 'mottatt')).toThrow(`id ${JSON.stringify(id)} is not a shipment for this account — expected an id from hentNyeForsendelser or a push`);
    expect(checks).toEqual([]);
    expect(service.pendingReceiptChecks).toBe(0);
  });
});
