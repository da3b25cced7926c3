// Secrets never reach a report, a log line or an error message. Everything kvittering prints about a
// configuration or a command line passes through here first.

const REDACTED = '***';

/** Keys whose values are secrets wherever they appear (case-insensitive, ignoring - and _). */
const SECRET_KEYS = new Set(['password', 'passwd', 'pwd', 'secret', 'token', 'accesstoken', 'apikey', 'authorization', 'auth', 'basicauth', 'connectionstring', 'credentials', 'clientsecret']);

const normaliseKey = (key: string) => key.toLowerCase().replace(/[-_\s]/g, '');

const patterns: [RegExp, string][] = [
  // scheme://user:password@host → scheme://user:***@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]*)@/gi, `$1:${REDACTED}@`],
  // ADO.NET / ODBC style: Password=...; Pwd=...; (SQL Server connection strings)
  [/\b(password|pwd|user id password|accesstoken)\s*=\s*("[^"]*"|'[^']*'|[^;"'\s]*)/gi, `$1=${REDACTED}`],
  // HTTP Authorization headers and bearer/basic credentials
  [/\b(authorization\s*[:=]\s*)(basic|bearer|digest|token)\s+[^\s,;"'}]+/gi, `$1$2 ${REDACTED}`],
  [/\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{8,}/g, `$1 ${REDACTED}`],
  // --password=x, --token x and friends on a command line
  // (also in kvittering's own error grammar: `--password is "hunter2" — expected …`)
  [/(--?(?:password|passwd|token|secret|api-key|apikey|auth|basic-auth|connection-string|db-url|database-url|mssql-url|pg-url)(?:=|\s+(?:is\s+)?))("[^"]*"|'[^']*'|(?!(?:missing|is)\b)\S+)/gi, `$1${REDACTED}`],
];

/** Redact secrets in free text (URLs with credentials, connection strings, auth headers, flags). */
function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

/** A deep copy with secret-named fields replaced and every string redacted. */
function redactValue<T>(value: T): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (key !== undefined && SECRET_KEYS.has(normaliseKey(key)) && v !== undefined && v !== null && v !== '') return REDACTED;
    if (typeof v === 'string') return redactText(v);
    if (Array.isArray(v)) return v.map((item) => walk(item));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, k)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** Redact a command line (argv) for the reproducibility block. */
function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const flag = /^--?([a-z-]+)$/i.exec(arg);
    if (flag !== null && SECRET_KEYS.has(normaliseKey(flag[1] as string)) && i + 1 < argv.length) {
      out.push(arg, REDACTED);
      i++;
      continue;
    }
    out.push(redactText(arg));
  }
  return out;
}

export { redactText, redactValue, redactArgv, REDACTED };
