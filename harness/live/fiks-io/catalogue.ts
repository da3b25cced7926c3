// The test certificates Fiks IO's catalogue serves (simulators/portal/http/catalogue-handlers.ts).
// Each account gets a fresh self-signed test certificate from openssl, marked as test data; its private
// key stays in memory for a case system that would decrypt.

import { KvitteringError } from '../../errors.js';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

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

export { testCertificate };
export type { TestCertificate };
