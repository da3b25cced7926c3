// HTTP Basic auth as SvarInn uses it: the receiving system's name and password. Comparison is on
// SHA-256 digests with timingSafeEqual, so neither length nor content leaks through timing.

import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http-error.js';

interface Credentials {
  username: string;
  password: string;
}

/** The credentials in an Authorization header; undefined when absent or malformed. */
function parseBasicAuth(header: string | null): Credentials | undefined {
  if (header === null) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,1024})\s*$/i.exec(header);
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function basicAuthHeader(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** Which of `accounts` the request authenticates as; throws a 401 otherwise. */
function authenticate<T extends Credentials>(request: Request, accounts: readonly T[]): T {
  const given = parseBasicAuth(request.headers.get('authorization'));
  if (given !== undefined) {
    for (const account of accounts) {
      if (sameSecret(given.username, account.username) && sameSecret(given.password, account.password)) return account;
    }
  }
  throw new HttpError(401, 'E_HTTP_AUTH', given === undefined
    ? 'authorization header is missing or not Basic — expected HTTP Basic auth with the receiving system\'s name and password'
    : `authorization for user ${JSON.stringify(given.username.slice(0, 40))} was refused — expected a known account and its password`, 'authorization');
}

export { parseBasicAuth, basicAuthHeader, authenticate, sameSecret };
export type { Credentials };
