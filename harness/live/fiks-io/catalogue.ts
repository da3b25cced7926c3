// Fiks IO's catalogue, the part a sender's client asks for the receiver's public key before it
// encrypts: `GET /fiks-io/katalog/api/v1/kontoer/{kontoId}/offentligNokkel`, answered as KS's clients
// read it (KontoOffentligNokkel: the PEM certificate in `Nokkel`, validity, serial, subject, issuer).
// Each account gets a fresh self-signed test certificate from openssl, marked as test data; its private
// key stays in memory for a case system that would decrypt.

import { KvitteringError } from '../../errors.js';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { http, type HttpHandler } from 'msw';
import { HttpError, jsonResponse, toErrorResponse } from '../../../simulators/http/http-error.js';

const run = promisify(execFile);

interface TestCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/** A self-signed RSA-2048 certificate for one account, valid for a year (openssl, bounded to 20 s). */
async function testCertificate(kontoId: string): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'kvittering-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '365',
      '-subj', `/O=kvittering TESTDATA/CN=fiksio-konto-${kontoId}`], { timeout: 20_000 });
    return { certificatePem: await readFile(cert, 'utf8'), privateKeyPem: await readFile(key, 'utf8') };
  } catch (error) {
    throw new KvitteringError('E_CERTIFICATE', `openssl could not make a test certificate (${error instanceof Error ? error.message.split('\n')[0] : String(error)}) — expected openssl on PATH`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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

function catalogueHandlers(baseUrl: string, certificates: ReadonlyMap<string, TestCertificate>): HttpHandler[] {
  return [
    http.get(`${baseUrl}/fiks-io/katalog/api/v1/kontoer/:kontoId/offentligNokkel`, ({ params }) => {
      try {
        const kontoId = typeof params.kontoId === 'string' ? params.kontoId : '';
        const certificate = certificates.get(kontoId);
        if (certificate === undefined) {
          throw new HttpError(404, 'E_HTTP_NOT_FOUND', `kontoId ${JSON.stringify(kontoId.slice(0, 40))} has no account here — expected one of ${[...certificates.keys()].slice(0, 4).join(', ')}`, 'kontoId');
        }
        return jsonResponse(200, offentligNokkel(certificate.certificatePem));
      } catch (error) {
        return toErrorResponse(error);
      }
    }),
  ];
}

export { testCertificate, offentligNokkel, catalogueHandlers };
export type { TestCertificate };
