// What a polling receiver reads from the service: each listed shipment's fields as SvarInn names them,
// when it last listed (a poller that stops is noticed from this), the content it downloads, and the
// 404s that tell an unknown, foreign or purged shipment apart by their words.

import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Ledger } from '../../harness/ledger/ledger.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { defaultPortalConfig } from '../../simulators/portal/portal.js';
import { createLivePortal } from '../../harness/live/live-portal.js';
import { HttpError } from '../../simulators/http/http-error.js';
import { reportContent } from '../../simulators/portal/http/report-content.js';
import { serviceFixture } from '../support/portal-service-fixture.js';

function bodyOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return (error as HttpError).toBody();
  }
  throw new Error('expected an HttpError');
}

describe('listing new shipments', () => {
  it('lists a private report with every SvarInn field and remembers when the account listed', () => {
    const { service, clock, account } = serviceFixture();
    clock.runUntil(1234);
    const { id, msg } = service.submit('bergen', 'private');
    expect(service.lastListedAt(0)).toBeUndefined();
    clock.runUntil(2000);
    const list = service.listNew(account('bergen'), 'http://p.test/tjenester/svarinn');
    expect(service.lastListedAt(0)).toBe(2000);
    expect(service.lastListedAt(1)).toBeUndefined();
    expect(list).toEqual([{
      id,
      tittel: 'Bekymringsmelding (privat melder)',
      date: 1234,
      avsender: { navn: 'Nasjonal portal for bekymringsmelding', adresse1: 'Postboks 1', postnr: '0101', poststed: 'OSLO' },
      mottaker: { navn: 'Barneverntjenesten bergen', adresse1: '', postnr: '', poststed: '', orgnr: '' },
      status: 'KLAR_FOR_MOTTAK',
      filmetadata: [reportContent(msg, 'bergen', 'private', 1234).metadata],
      forsendelseType: 'no.ks.fiks.bekymringsmelding.privat.v1',
      eksternRef: String(msg),
      downloadUrl: `http://p.test/tjenester/svarinn/forsendelse/${id}`,
    }]);
    // Listed again (not receipted yet): the same file metadata.
    expect(service.listNew(account('bergen'), 'http://p.test').map((f) => f.filmetadata)).toEqual(list.map((f) => f.filmetadata));
  });

  it('titles a public report as from a public reporter', () => {
    const { service, account } = serviceFixture();
    service.submit('bergen', 'public');
    expect(service.listNew(account('bergen'), 'http://p.test')[0]).toMatchObject({ tittel: 'Bekymringsmelding (offentlig melder)', forsendelseType: 'no.ks.fiks.bekymringsmelding.offentlig.v1' });
  });

  it('downloads the report\'s synthetic content, and answers 404 E_HTTP_GONE once it is received and purged', () => {
    const { service, clock, account } = serviceFixture();
    const { id, msg } = service.submit('bergen', 'public');
    expect(service.download(account('bergen'), id).bytes).toEqual(reportContent(msg, 'bergen', 'public', 0).bytes);
    service.receipt(account('bergen'), id, 'mottatt');
    clock.runUntil(15 * DAY_MS); // received, then past the 14-day retention
    expect(bodyOf(() => service.download(account('bergen'), id))).toEqual({
      status: 404, error: 'E_HTTP_GONE', field: 'id', message: `[kvittering] E_HTTP_GONE: forsendelse ${id} is purged — expected a shipment the portal still holds`,
    });
  });

  it('answers another receiver\'s shipment and an unknown id with the same 404, the id cut to 64 characters', () => {
    const { service, account } = serviceFixture();
    const { id } = service.submit('oslo', 'public');
    const says = (shown: string) => ({ status: 404, error: 'E_HTTP_NOT_FOUND', field: 'id', message: `[kvittering] E_HTTP_NOT_FOUND: id ${JSON.stringify(shown)} is not a shipment for this account — expected an id from hentNyeForsendelser or a push` });
    expect(bodyOf(() => service.download(account('bergen'), id))).toEqual(says(id));
    const unknown = '6b766974-0000-4000-8000-00000000ffff';
    expect(bodyOf(() => service.download(account('bergen'), unknown))).toEqual(says(unknown));
    const long = `${id}-${'x'.repeat(60)}`;
    expect(bodyOf(() => service.status(long))).toEqual(says(long.slice(0, 64)));
    expect(service.status(id.toUpperCase())).toEqual({ id: id.toUpperCase(), status: service.status(id).status });
  });
});

describe('the intake and the accounts', () => {
  it('numbers reports from idBase, counts them, and names receivers by index', () => {
    const { service } = serviceFixture();
    expect(service.submit('bergen', 'public')).toEqual({ id: '6b766974-0000-4000-8000-0000000003e8', msg: 1000 });
    expect(service.submit('oslo', 'private').msg).toBe(1001);
    expect(service.submitted).toBe(2);
    expect(service.accounts.map((a) => a.receiver)).toEqual(['bergen', 'oslo']);
    expect([service.receiverId(0), service.receiverId(1), service.receiverId(7)]).toEqual(['bergen', 'oslo', '7']);
  });

  it('refuses an unknown kommune naming at most eight receivers and the likely one', () => {
    const names = ['alta', 'bodo', 'evje', 'fana', 'hamar', 'larvik', 'molde', 'narvik', 'tromso'];
    const live = createLivePortal({
      portal: defaultPortalConfig,
      receivers: names.map((receiver) => ({ receiver, username: receiver, password: 'p', style: 'poll' as const })),
      pushTimeoutMs: 1_000, idBase: 1,
    }, new Scheduler(), new Rng(1), new Ledger());
    expect(bodyOf(() => live.service.submit('tromsø', 'public'))).toEqual({
      status: 400, error: 'E_HTTP_FIELD', field: 'body.kommune', hint: 'did you mean "tromso"?',
      message: '[kvittering] E_HTTP_FIELD: body.kommune is "tromsø" — expected a receiver id (alta, bodo, evje, fana, hamar, larvik, molde, narvik)',
    });
    expect(live.service.submitted).toBe(0);
  });
});
