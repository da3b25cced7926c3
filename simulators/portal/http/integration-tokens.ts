// Fiks IO's API authentication, as the real one asks for it: `IntegrasjonId` and `IntegrasjonPassord`
// headers plus `Authorization: Bearer <token>`. Real Fiks IO takes a Maskinporten token (a JWT grant
// signed with the business certificate); here a small client-credentials endpoint on loopback issues
// short-lived opaque tokens to a known integration (id = the account's username, password = its
// password). Tokens expire on the wall clock: the portal's own clock may run days in seconds.

import { randomBytes } from 'node:crypto';
import { parseBasicAuth, sameSecret, type Credentials } from '../../http/basic-auth.js';
import { HttpError } from '../../http/http-error.js';
import { wallNowMs } from '../../../harness/runtime/wall-clock.js';

interface IssuedToken {
  integration: string;
  expiresAtMs: number;
}

/** Maskinporten's tokens live 120 s by default; so do these. */
const TOKEN_TTL_MS = 120_000;

/** The send API expects a bearer token (RFC 6750 §3); a token that was given but is no good is `invalid_token`. */
function unauthorized(field: string, detail: string, bearer?: 'missing' | 'invalid_token'): HttpError {
  const challenge = bearer === undefined ? undefined
    : bearer === 'missing' ? 'Bearer realm="kvittering", scope="ks:fiks"' : 'Bearer realm="kvittering", scope="ks:fiks", error="invalid_token"';
  return new HttpError(401, 'E_HTTP_AUTH', detail, field, undefined, challenge);
}

class IntegrationTokens<T extends Credentials> {
  private readonly issued = new Map<string, IssuedToken>();

  constructor(private readonly accounts: readonly T[], private readonly now: () => number = wallNowMs, private readonly ttlMs = TOKEN_TTL_MS) {}

  /** `POST /token` with `grant_type=client_credentials` and the integration id/password as Basic auth. */
  issue(request: Request, form: URLSearchParams): { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string } {
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials') throw HttpError.field('body.grant_type', grant ?? undefined, '"client_credentials"');
    const given = parseBasicAuth(request.headers.get('authorization'));
    if (given === undefined) throw unauthorized('authorization', 'authorization header is missing or not Basic — expected the integration id and password as HTTP Basic auth');
    const account = this.match(given.username, given.password);
    if (account === undefined) throw unauthorized('authorization', `integration ${JSON.stringify(given.username.slice(0, 40))} was refused — expected a known integration id and its password`);
    const token = randomBytes(32).toString('base64url');
    this.forgetExpired();
    this.issued.set(token, { integration: account.username, expiresAtMs: this.now() + this.ttlMs });
    return { access_token: token, token_type: 'Bearer', expires_in: Math.floor(this.ttlMs / 1000), scope: 'ks:fiks' };
  }

  /** The account a Fiks IO API request authenticates as; a 401 naming the missing or wrong part otherwise. */
  authorize(request: Request): T {
    const id = request.headers.get('integrasjonid');
    const password = request.headers.get('integrasjonpassord');
    const bearer = /^Bearer\s+(\S{1,512})\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const missing = [id === null ? 'IntegrasjonId' : '', password === null ? 'IntegrasjonPassord' : '', bearer === undefined ? 'Authorization (Bearer token)' : ''].filter((m) => m !== '');
    if (missing.length > 0) throw unauthorized(missing[0] as string, `missing ${missing.join(', ')} — expected the IntegrasjonId and IntegrasjonPassord headers and a bearer token from POST /token`, bearer === undefined ? 'missing' : 'invalid_token');
    const account = this.match(id as string, password as string);
    if (account === undefined) throw unauthorized('IntegrasjonPassord', `integration ${JSON.stringify((id as string).slice(0, 40))} was refused — expected a known IntegrasjonId and its IntegrasjonPassord`, 'invalid_token');
    const problem = this.tokenProblem(bearer as string, account);
    if (problem !== undefined) throw unauthorized('authorization', problem, 'invalid_token');
    return account;
  }

  /**
   * Fiks IO's AMQP login: user = the integration id, password = `"<IntegrasjonPassord> <token>"`,
   * split at the last space (a password may hold spaces, a token does not). The account, or why not.
   */
  amqpLogin(id: string, password: string): { account: T } | { refused: string } {
    const space = password.lastIndexOf(' ');
    if (space < 0) return { refused: 'password is not "<IntegrasjonPassord> <token>" (no space)' };
    const account = this.match(id, password.slice(0, space));
    if (account === undefined) return { refused: `integration ${JSON.stringify(id.slice(0, 40))} with that IntegrasjonPassord is unknown` };
    const problem = this.tokenProblem(password.slice(space + 1), account);
    return problem === undefined ? { account } : { refused: problem };
  }

  /** An integration id this portal knows. */
  known(id: string): T | undefined {
    return this.accounts.find((a) => sameSecret(id, a.username));
  }

  private tokenProblem(bearer: string, account: T): string | undefined {
    const token = this.issued.get(bearer);
    if (token === undefined) return 'the bearer token is unknown — expected one issued by POST /token';
    if (token.expiresAtMs <= this.now()) return 'the bearer token has expired — expected a fresh one from POST /token';
    if (token.integration !== account.username) return `the bearer token was issued to another integration — expected one issued to ${JSON.stringify(account.username.slice(0, 40))}`;
    return undefined;
  }

  private match(id: string, password: string): T | undefined {
    return this.accounts.find((a) => sameSecret(id, a.username) && sameSecret(password, a.password));
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [token, issued] of this.issued) if (issued.expiresAtMs <= now) this.issued.delete(token);
  }
}

export { IntegrationTokens, TOKEN_TTL_MS };
