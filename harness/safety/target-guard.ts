// Live mode sends traffic only to loopback unless a remote host is named explicitly. The decision is
// recorded so the report can say what was permitted.

import { isIP } from 'node:net';
import { KvitteringError } from '../errors.js';

interface TargetPermission {
  url: string;
  host: string;
  /** 'loopback' needs no permission; 'allowed' was named in allowRemoteHosts. */
  basis: 'loopback' | 'allowed';
}

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** Check one target URL; throws E_REMOTE_TARGET unless loopback or explicitly allowed. */
function checkTarget(url: string, allowRemoteHosts: readonly string[], field = 'target.baseUrl'): TargetPermission {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KvitteringError('E_CONFIG_FIELD', `${field} is ${JSON.stringify(url)} — expected an absolute http(s) URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new KvitteringError('E_CONFIG_FIELD', `${field} is ${JSON.stringify(url)} — expected an http: or https: URL`);
  }
  const host = parsed.hostname;
  if (isLoopbackHost(host)) return { url: parsed.origin, host, basis: 'loopback' };
  if (allowRemoteHosts.map((h) => h.toLowerCase()).includes(host.toLowerCase())) return { url: parsed.origin, host, basis: 'allowed' };
  throw new KvitteringError(
    'E_REMOTE_TARGET',
    `${field} points at ${host}, which is not a loopback address — kvittering sends load only to loopback unless the host is named explicitly`,
    `if ${host} is a staging system you may test, add it to the scenario's live.allowRemoteHosts or pass --allow-remote-host ${host}`,
  );
}

export { checkTarget, isLoopbackHost };
export type { TargetPermission };
