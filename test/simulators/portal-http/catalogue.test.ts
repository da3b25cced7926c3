// Fiks IO's catalogue answers a receiver's public key as KS's clients read it (KontoOffentligNokkel),
// and a kontoId it does not know with a 404 that says which ones it does know.

import { describe, expect, it } from 'vitest';
import { getResponse } from 'msw';
import { catalogueHandlers } from '../../../simulators/portal/http/catalogue-handlers.js';

// A test-only certificate (EC P-256, made with openssl for this test): C=NO, O=kvittering TESTDATA,
// CN=fiksio-konto-bergen, issued by CN=test-ca, serial 1234ABCD.
const PEM = `-----BEGIN CERTIFICATE-----
MIIBcjCCARcCBBI0q80wCgYIKoZIzj0EAwIwPTELMAkGA1UEBhMCTk8xHDAaBgNV
BAoME2t2aXR0ZXJpbmcgVEVTVERBVEExEDAOBgNVBAMMB3Rlc3QtY2EwHhcNMjYx
MjAzMTEwODAzWhcNMzYxMTMwMTEwODAzWjBJMQswCQYDVQQGEwJOTzEcMBoGA1UE
CgwTa3ZpdHRlcmluZyBURVNUREFUQTEcMBoGA1UEAwwTZmlrc2lvLWtvbnRvLWJl
cmdlbjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABOfue/dlBA6UyhxrDjerEupA
N0BsztoJmhZC1jD7Yqwb82Ka0m8Bdz+eC9qW9ZgQYqynToPfjv5oeT+V/xGZEZkw
CgYIKoZIzj0EAwIDSQAwRgIhAM8PtoIIYx0LNTCVTGdu9gju9qP4hps+i9BShR/k
jNFIAiEAhzSPddnbURxubKhiqqaZjFmt875FhO8A1hVje5e8FAc=
-----END CERTIFICATE-----
`;

const BASE = 'http://portal.test';

async function ask(certificates: ReadonlyMap<string, { certificatePem: string }>, kontoId: string) {
  const response = await getResponse(catalogueHandlers(BASE, certificates), new Request(`${BASE}/fiks-io/katalog/api/v1/kontoer/${kontoId}/offentligNokkel`));
  return { status: response?.status, body: await response?.json() };
}

describe('the Fiks IO catalogue', () => {
  it('answers an account\'s certificate with its validity, serial, subject and issuer', async () => {
    expect(await ask(new Map([['konto-bergen', { certificatePem: PEM }]]), 'konto-bergen')).toEqual({
      status: 200,
      body: {
        Nokkel: PEM,
        validFrom: '2026-12-03T11:08:03.000Z',
        validTo: '2036-11-30T11:08:03.000Z',
        serial: '1234ABCD',
        subjectDN: 'C=NO, O=kvittering TESTDATA, CN=fiksio-konto-bergen',
        issuerDN: 'C=NO, O=kvittering TESTDATA, CN=test-ca',
      },
    });
  });

  it('answers an unknown kontoId with a 404 naming up to four known accounts', async () => {
    const five = new Map(['a', 'b', 'c', 'd', 'e'].map((k) => [k, { certificatePem: PEM }]));
    const long = 'k'.repeat(50);
    expect(await ask(five, long)).toEqual({
      status: 404,
      body: { status: 404, error: 'E_HTTP_NOT_FOUND', field: 'kontoId', message: `[kvittering] E_HTTP_NOT_FOUND: kontoId ${JSON.stringify(long.slice(0, 40))} has no account here — expected one of a, b, c, d` },
    });
  });

  it('says the portal has no Fiks IO transport when it has no certificates at all', async () => {
    expect(await ask(new Map(), 'konto-bergen')).toEqual({
      status: 404,
      body: { status: 404, error: 'E_HTTP_NOT_FOUND', field: 'kontoId', message: '[kvittering] E_HTTP_NOT_FOUND: kontoId "konto-bergen" has no account here — expected a portal with the Fiks IO transport' },
    });
  });

  it('answers a certificate it cannot read with a JSON 500, not a thrown error', async () => {
    const answer = await ask(new Map([['x', { certificatePem: 'not a certificate' }]]), 'x');
    expect(answer).toMatchObject({ status: 500, body: { status: 500, error: 'E_INTERNAL' } });
  });
});
