// Fiks IO's catalogue, the part a sender's client asks for the receiver's public key before it
// encrypts: `GET /fiks-io/katalog/api/v1/kontoer/{kontoId}/offentligNokkel`, answered as KS's clients
// read it (KontoOffentligNokkel: the PEM certificate in `Nokkel`, validity, serial, subject, issuer).
// Accounts without a certificate (every account of a portal without the Fiks IO transport) are a 404.

import { X509Certificate } from 'node:crypto';
import { http, type HttpHandler } from 'msw';
import { HttpError, jsonResponse, toErrorResponse } from '../../http/http-error.js';

/** The catalogue's JSON for one certificate. */
function offentligNokkel(certificatePem: string): Record<string, string> {
  const x509 = new X509Certificate(certificatePem);
  return {
    Nokkel: certificatePem,
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    serial: x509.serialNumber,
    subjectDN: x509.subject.replace(/\n/g, ', '),
    issuerDN: x509.issuer.replace(/\n/g, ', '),
  };
}

/** `certificates`: PEM certificate by kontoId. */
function catalogueHandlers(baseUrl: string, certificates: ReadonlyMap<string, { certificatePem: string }>): HttpHandler[] {
  return [
    http.get(`${baseUrl}/fiks-io/katalog/api/v1/kontoer/:kontoId/offentligNokkel`, ({ params }) => {
      try {
        const kontoId = typeof params.kontoId === 'string' ? params.kontoId : '';
        const certificate = certificates.get(kontoId);
        if (certificate === undefined) {
          const known = [...certificates.keys()].slice(0, 4);
          throw new HttpError(404, 'E_HTTP_NOT_FOUND', `kontoId ${JSON.stringify(kontoId.slice(0, 40))} has no account here — expected ${known.length === 0 ? 'a portal with the Fiks IO transport' : `one of ${known.join(', ')}`}`, 'kontoId');
        }
        return jsonResponse(200, offentligNokkel(certificate.certificatePem));
      } catch (error) {
        return toErrorResponse(error);
      }
    }),
  ];
}

export { offentligNokkel, catalogueHandlers };
