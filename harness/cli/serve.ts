// `kvittering serve portal|case-system`: the live-mode services as a command module. The CLI's main
// registers `serveCommand` (name, summary, usage, run); run directly (`tsx harness/cli/serve.ts …`)
// it is its own entry point. Each service prints one JSON line when it listens — {"event":"listening",
// …urls} — logs to stderr, and on SIGTERM/SIGINT shuts down gracefully and prints {"event":"stopped"}.

import { pathToFileURL } from 'node:url';
import { KvitteringError, didYouMean } from '../errors.js';
import { checkTarget, type TargetPermission } from '../safety/target-guard.js';
import { writeFileAtomic } from './write-file-atomic.js';
import { exitCodes } from './cli-options.js';
import { optionError, parseOptions, type OptionTable } from './parse-command-line.js';
import { DAY_MS } from '../runtime/time.js';
import { serveCaseSystem } from '../live/serve-case-system.js';
import { servePortal } from '../live/serve-portal.js';
import type { LiveReceiver } from '../live/live-portal.js';
import { ackPolicies, type AckPolicy } from '../../simulators/case-system/case-system.js';
import { kontoIdFor } from '../live/fiks-io/fiks-io-protocol.js';

interface CommandIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Resolves when the process is asked to stop (SIGTERM/SIGINT by default). */
  stopSignal?: Promise<void>;
}

const usage = `Usage:
  kvittering serve portal --receiver id=oslo,style=push,username=oslo,password=…,pushUrl=http://127.0.0.1:8081/fiks-io/meldinger
                          [--receiver id=bergen,style=poll,username=bergen,password=…] [--port 8080] [--host 127.0.0.1]
                          [--ms-per-day 86400000] [--retention-days 14] [--deadline-days 2] [--push-timeout-ms 5000]
                          [--seed 1] [--ledger out/portal-ledger.json] [--allow-remote-host HOST]…
                          [--broker amqp://guest:guest@127.0.0.1:5672/vhost] [--ttl-hours 24]   (receivers with style=fiks-io)
  kvittering serve case-system --ack-policy after-commit|before-commit|retry-then-fail --portal-url http://127.0.0.1:8080
                          --username oslo [--password … | env KVITTERING_PORTAL_PASSWORD] [--port 8081] [--host 127.0.0.1]
                          [--storage simulated|postgres://user@127.0.0.1:5432/db] [--db-lock-timeout-ms 0]
                          [--db-request-timeout-ms 15000] [--db-pool-size 4] [--auth user:password]
                          [--ms-per-day 86400000] [--processing-delay-ms 200] [--seed 1] [--allow-remote-host HOST]…
                          [--transport http|fiks-io] [--broker amqp://…/vhost] [--konto oslo] [--kill-at-first-write]
  Targets (push URLs, the portal URL) must be loopback unless their host is named with --allow-remote-host.
  --ack is the old name of --ack-policy: it still works, with a deprecation notice.`;

/** Each service's options, for the CLI's one option parser (parse-command-line.ts). */
const portalOptions = {
  receiver: { type: 'string', multiple: true, value: 'id=…,style=push|poll|fiks-io,username=…,password=…[,pushUrl=…]' }, port: { type: 'string', value: 'N' }, host: { type: 'string', value: 'HOST' },
  'ms-per-day': { type: 'string', value: 'MS' }, 'retention-days': { type: 'string', value: 'DAYS' }, 'deadline-days': { type: 'string', value: 'DAYS' },
  'push-timeout-ms': { type: 'string', value: 'MS' }, seed: { type: 'string', value: 'N' }, ledger: { type: 'string', value: 'FILE' },
  'allow-remote-host': { type: 'string', multiple: true, value: 'HOST' }, broker: { type: 'string', value: 'amqp://…' }, 'ttl-hours': { type: 'string', value: 'HOURS' },
} as const satisfies OptionTable;

const caseSystemOptions = {
  'ack-policy': { type: 'string', value: ackPolicies.join('|') }, ack: { type: 'string', value: ackPolicies.join('|') },
  'portal-url': { type: 'string', value: 'URL' }, username: { type: 'string', value: 'NAME' }, password: { type: 'string', value: 'PASSWORD' },
  port: { type: 'string', value: 'N' }, host: { type: 'string', value: 'HOST' }, storage: { type: 'string', value: 'simulated|postgres://…' }, auth: { type: 'string', value: 'USER:PASSWORD' },
  'db-lock-timeout-ms': { type: 'string', value: 'MS' }, 'db-request-timeout-ms': { type: 'string', value: 'MS' }, 'db-pool-size': { type: 'string', value: 'N' },
  'ms-per-day': { type: 'string', value: 'MS' }, 'processing-delay-ms': { type: 'string', value: 'MS' }, seed: { type: 'string', value: 'N' },
  'allow-remote-host': { type: 'string', multiple: true, value: 'HOST' },
  transport: { type: 'string', value: 'http|fiks-io' }, broker: { type: 'string', value: 'amqp://…' }, konto: { type: 'string', value: 'ID' }, 'kill-at-first-write': { type: 'boolean' },
} as const satisfies OptionTable;

const helpHint = 'Run "kvittering serve --help" for the options.';

function fail(option: string, value: unknown, expected: string, hint?: string): never {
  throw optionError(option, value, expected, hint ?? helpHint);
}

function numberOption(values: Record<string, unknown>, name: string, fallback: number, min = 0): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < min) fail(name, raw, `a number ≥ ${min}`);
  return n;
}

function requiredString(values: Record<string, unknown>, name: string, expected: string): string {
  const raw = values[name];
  if (typeof raw !== 'string' || raw === '') fail(name, raw, expected);
  return raw;
}

/** `id=oslo,style=push,username=…,password=…,pushUrl=…` */
function parseReceiver(text: string, index: number): LiveReceiver & { fiksIo?: true } {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) fail(`receiver[${index}]`, part, 'key=value pairs separated by commas');
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const known = ['id', 'style', 'username', 'password', 'pushUrl', 'digitalOnly'];
  for (const key of fields.keys()) if (!known.includes(key)) fail(`receiver[${index}].${key}`, key, `one of ${known.join(', ')}`, didYouMean(key, known));
  const get = (key: string, expected: string) => fields.get(key) ?? fail(`receiver[${index}].${key}`, undefined, expected);
  const style = get('style', 'push, poll or fiks-io');
  if (style !== 'push' && style !== 'poll' && style !== 'fiks-io') fail(`receiver[${index}].style`, style, 'push, poll or fiks-io', didYouMean(style, ['push', 'poll', 'fiks-io']));
  // fiks-io is push over the broker: its account queue is named after the id, no push URL.
  const receiver: LiveReceiver & { fiksIo?: true } = { receiver: get('id', 'the receiver id'), style: style === 'poll' ? 'poll' : 'push', username: get('username', 'its account name'), password: get('password', 'its password') };
  if (style === 'fiks-io') receiver.fiksIo = true;
  if (style === 'push') {
    const url = get('pushUrl', 'the case system\'s push URL');
    if (!/^https?:\/\//.test(url)) fail(`receiver[${index}].pushUrl`, url, 'an http(s) URL');
    receiver.pushUrl = url;
  }
  if (fields.get('digitalOnly') === 'true') receiver.digitalOnly = true;
  return receiver;
}

/** --broker: required when something travels over Fiks IO, loopback unless its host is allowed. */
function brokerOption(values: Record<string, unknown>, needed: boolean, who: string): string | undefined {
  const raw = values.broker;
  if (!needed) {
    if (raw !== undefined) fail('broker', raw, `no --broker without ${who}`);
    return undefined;
  }
  const url = typeof raw === 'string' && raw !== '' ? raw : undefined;
  if (url === undefined || !/^amqps?:\/\//.test(url)) fail('broker', url?.replace(/\/\/[^@]*@/, '//…@'), `an amqp:// URL for ${who}`);
  checkTarget(url.replace(/^amqp/, 'http'), (values['allow-remote-host'] as string[] | undefined) ?? [], '--broker');
  return url;
}

/**
 * --ack-policy, the name the scenario file (ackPolicy) and sweep use; --ack is its old name, still
 * accepted with a one-line notice on stderr.
 */
function ackPolicyOption(values: { 'ack-policy'?: string; ack?: string }, io: CommandIo): AckPolicy {
  if (values.ack !== undefined) {
    io.stderr('kvittering: --ack is deprecated — use --ack-policy (the same values)');
    if (values['ack-policy'] !== undefined) fail('ack', values.ack, 'only --ack-policy (--ack is its old name; give one of them)');
  }
  const name = values['ack-policy'] === undefined && values.ack !== undefined ? 'ack' : 'ack-policy';
  const ack = values['ack-policy'] ?? values.ack;
  if (ack === undefined || !(ackPolicies as readonly string[]).includes(ack)) fail(name, ack, `one of ${ackPolicies.join(', ')}`, ack === undefined ? undefined : didYouMean(ack, ackPolicies));
  return ack as AckPolicy;
}

function defaultStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
}

async function servePortalCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseOptions(args, portalOptions, 'serve portal', false);
  const receivers = (values.receiver ?? []).map(parseReceiver);
  const fiksIoReceivers = receivers.filter((r) => r.fiksIo === true).map((r) => r.receiver);
  const broker = brokerOption(values, fiksIoReceivers.length > 0, 'receivers with style=fiks-io');
  if (receivers.length === 0) fail('receiver', undefined, 'at least one --receiver id=…,style=push|poll,username=…,password=…');
  // The portal pushes to these: loopback only, unless a host was named.
  const targets: TargetPermission[] = receivers.flatMap((r, i) => (r.pushUrl === undefined ? [] : [checkTarget(r.pushUrl, values['allow-remote-host'] ?? [], `--receiver[${i}].pushUrl`)]));
  const running = await servePortal({
    receivers,
    port: numberOption(values, 'port', 0),
    host: values.host ?? '127.0.0.1',
    msPerVirtualDay: numberOption(values, 'ms-per-day', DAY_MS, 1),
    portal: { retentionDays: numberOption(values, 'retention-days', 14), receiptDeadlineMs: numberOption(values, 'deadline-days', 2) * DAY_MS },
    pushTimeoutMs: numberOption(values, 'push-timeout-ms', 5_000, 1),
    seed: numberOption(values, 'seed', 1),
    ...(broker === undefined ? {} : { fiksIo: { brokerUrl: broker, receivers: fiksIoReceivers, ttlMs: numberOption(values, 'ttl-hours', 24, 0.001) * 3_600_000 } }),
    log: io.stderr,
  });
  io.stdout(JSON.stringify({ event: 'listening', service: 'portal', url: running.url, targets }));
  await (io.stopSignal ?? defaultStopSignal());
  io.stderr('portal: shutting down (answering accepted requests first)');
  await running.close();
  if (values.ledger !== undefined) {
    // Atomic: a reader never sees half a ledger.
    writeFileAtomic(values.ledger, JSON.stringify(running.ledger.entries));
  }
  io.stdout(JSON.stringify({ event: 'stopped', service: 'portal', submitted: running.live.service.submitted }));
  return exitCodes.ok;
}

async function serveCaseSystemCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseOptions(args, caseSystemOptions, 'serve case-system', false);
  const transport = values.transport ?? 'http';
  if (transport !== 'http' && transport !== 'fiks-io') fail('transport', transport, 'http or fiks-io', didYouMean(transport, ['http', 'fiks-io']));
  const broker = brokerOption(values, transport === 'fiks-io', '--transport fiks-io');
  const ack = ackPolicyOption(values, io);
  const portalUrl = requiredString(values, 'portal-url', 'the portal\'s base URL (http://127.0.0.1:8080)');
  if (!/^https?:\/\//.test(portalUrl)) fail('portal-url', portalUrl, 'an http(s) URL');
  // The case system polls and receipts here: loopback only, unless the host was named.
  const targets = [checkTarget(portalUrl, values['allow-remote-host'] ?? [], '--portal-url')];
  const username = requiredString(values, 'username', 'this case system\'s account at the portal');
  const password = values.password ?? process.env.KVITTERING_PORTAL_PASSWORD;
  if (password === undefined || password === '') fail('password', undefined, 'the account\'s password (or env KVITTERING_PORTAL_PASSWORD)');
  const storage = values.storage ?? 'simulated';
  if (storage !== 'simulated' && !/^postgres(ql)?:\/\//.test(storage)) fail('storage', storage, '"simulated" or a postgres:// connection string');
  let auth: { username: string; password: string } | undefined;
  const authText = values.auth ?? process.env.KVITTERING_CASE_SYSTEM_AUTH;
  if (authText !== undefined) {
    const colon = authText.indexOf(':');
    if (colon <= 0) fail('auth', '…', 'user:password');
    auth = { username: authText.slice(0, colon), password: authText.slice(colon + 1) };
  }
  const running = await serveCaseSystem({
    ackPolicy: ack,
    portalUrl,
    portalCredentials: { username, password },
    port: numberOption(values, 'port', 0),
    host: values.host ?? '127.0.0.1',
    msPerVirtualDay: numberOption(values, 'ms-per-day', DAY_MS, 1),
    caseSystem: { processingDelayMs: numberOption(values, 'processing-delay-ms', 200) },
    seed: numberOption(values, 'seed', 1),
    ...(auth === undefined ? {} : { auth }),
    ...(broker === undefined ? {} : { fiksIo: { brokerUrl: broker, kontoId: kontoIdFor(values.konto ?? username) } }),
    ...(values['kill-at-first-write'] === true ? { killAtFirstWrite: true } : {}),
    ...(storage === 'simulated' ? {} : {
      postgres: {
        connectionString: storage,
        lockTimeoutWallMs: numberOption(values, 'db-lock-timeout-ms', 0),
        requestTimeoutWallMs: numberOption(values, 'db-request-timeout-ms', 15_000, 1),
        poolSize: numberOption(values, 'db-pool-size', 4, 1),
      },
    }),
    log: io.stderr,
  });
  io.stdout(JSON.stringify({ event: 'listening', service: 'case-system', ackPolicy: ack, url: running.url, pushUrl: running.pushUrl, lookupUrl: running.lookupUrl, targets }));
  await (io.stopSignal ?? defaultStopSignal());
  io.stderr('case-system: shutting down (answering accepted deliveries and finishing their writes first)');
  await running.close();
  io.stdout(JSON.stringify({ event: 'stopped', service: 'case-system' }));
  return exitCodes.ok;
}

const serveCommand = {
  name: 'serve',
  summary: 'Run the portal simulator or the reference case system as an HTTP service (live mode)',
  usage,
  async run(args: string[], io: CommandIo): Promise<number> {
    const [service, ...rest] = args;
    if (service === '--help' || service === '-h') {
      io.stdout(usage);
      return exitCodes.ok;
    }
    try {
      if (service === undefined) throw new KvitteringError('E_CLI_USAGE', 'serve is missing its service — expected "portal" or "case-system"', helpHint);
      if (service === 'portal') return await servePortalCommand(rest, io);
      if (service === 'case-system') return await serveCaseSystemCommand(rest, io);
      fail('service', service, 'portal or case-system', didYouMean(service, ['portal', 'case-system']));
    } catch (error) {
      if (error instanceof KvitteringError) {
        io.stderr(error.message);
        return exitCodes.badInput;
      }
      throw error;
    }
  },
};

/**
 * For the main CLI (harness/cli/cli.ts), whose io writes text rather than lines:
 * `if (argv[0] === 'serve') return serveFromCli(argv.slice(1), io);` before parseCommandLine —
 * serve has its own option tables (read by the CLI's one parser), so it takes the raw arguments.
 */
function serveFromCli(args: readonly string[], io: { stdout(text: string): void; stderr(text: string): void }): Promise<number> {
  return serveCommand.run([...args], { stdout: (line) => io.stdout(`${line}\n`), stderr: (line) => io.stderr(`${line}\n`) });
}

// Run directly: `tsx harness/cli/serve.ts case-system --ack-policy …`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  serveCommand.run(process.argv.slice(2), { stdout: (l) => console.log(l), stderr: (l) => console.error(l) }).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => { console.error(error); process.exitCode = exitCodes.internal; },
  );
}

export { serveCommand, serveFromCli };
export type { CommandIo };
