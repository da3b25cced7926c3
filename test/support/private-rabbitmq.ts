// A RabbitMQ node of the test's own, for what must not touch the machine's shared broker on 5672 (its
// auth backends): own node name, own AMQP and distribution ports, own cookie (HOME), mnesia, log,
// plugins file and config in a temp dir. Started in the background with `rabbitmq-server`, waited for
// (bounded), stopped with `rabbitmqctl -n <node> stop` and, failing that, by killing the process group
// it was started in. Where it cannot start, `start` says why in one line and the test skips.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Where the RabbitMQ scripts themselves live. Debian's /usr/sbin wrappers switch to the rabbitmq user
 * and write the shared node's startup log, so the scripts they wrap are used when present.
 */
function rabbitBin(): string | undefined {
  for (const dir of ['/usr/lib/rabbitmq/bin', '/usr/local/lib/rabbitmq/bin', '/opt/rabbitmq/sbin']) {
    if (['rabbitmq-server', 'rabbitmqctl', 'rabbitmq-plugins'].every((tool) => existsSync(join(dir, tool)))) return dir;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Undefined once the node has booted; why not when START_TIMEOUT_MS passes first. */
async function awaitStartup(bin: string, node: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  let last = 'not reachable';
  // Until the node answers at all, await_startup fails at once; then it waits for the boot itself.
  while (performance.now() < deadline) {
    try {
      await run(join(bin, 'rabbitmqctl'), ['-n', node, 'await_startup', '--timeout', '20'], { env, timeout: 25_000 });
      return undefined;
    } catch (error) {
      last = error instanceof Error ? (error.message.split('\n').find((line) => /Error|error/.test(line)) ?? error.message.split('\n')[0] ?? '') : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return `not booted within ${START_TIMEOUT_MS} ms (${last.slice(0, 120)})`;
}

interface PrivateRabbit {
  node: string;
  port: number;
  /** The node's own log: what the broker itself says about each login. */
  readLog(): Promise<string>;
  /** rabbitmqctl on this node. */
  ctl(...args: string[]): Promise<string>;
  /** amqp:// URL of this node for a user (password URL-encoded) and vhost. */
  url(user: string, password: string, vhost: string): string;
  stop(): Promise<void>;
}

/** Start a private node whose auth backends are `http` (URLs below `authBaseUrl`) then `internal` (guest). */
async function startPrivateRabbit(authBaseUrl: string): Promise<PrivateRabbit | { skip: string }> {
  const bin = rabbitBin();
  if (bin === undefined) return { skip: 'private RabbitMQ node not started: no rabbitmq-server/rabbitmqctl/rabbitmq-plugins scripts found' };
  const dir = await mkdtemp(join(tmpdir(), 'kvittering-rabbit-'));
  const [port, distPort] = [await freePort(), await freePort()];
  const node = `kvittering-${process.pid}-${randomUUID().slice(0, 8)}@localhost`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_PLUGINS_EXPAND_DIR: join(dir, 'plugins-expand'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
  };
  const ctl = async (...args: string[]) => (await run(join(bin, 'rabbitmqctl'), ['-n', node, ...args], { env, timeout: 30_000 })).stdout;
  let child: ChildProcess | undefined;
  const cleanup = async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // The environment file exists and is empty: /etc/rabbitmq/rabbitmq-env.conf (the shared node's) is not read.
    await writeFile(env.RABBITMQ_CONF_ENV_FILE as string, '');
    // The node's and rabbitmqctl's shared secret, there before either starts (neither makes its own).
    await writeFile(join(dir, '.erlang.cookie'), randomUUID().replace(/-/g, '').toUpperCase(), { mode: 0o400 });
    await writeFile(env.RABBITMQ_CONFIG_FILE as string, [
      'auth_backends.1 = http',
      'auth_backends.2 = internal',
      'auth_http.http_method = post',
      ...['user', 'vhost', 'resource', 'topic'].map((path) => `auth_http.${path}_path = ${authBaseUrl}/fiks-io/amqp-auth/${path}`),
      '',
    ].join('\n'));
    await run(join(bin, 'rabbitmq-plugins'), ['--offline', 'enable', 'rabbitmq_auth_backend_http'], { env, timeout: 30_000 });
    const out = openSync(join(dir, 'server.out'), 'w');
    child = spawn(join(bin, 'rabbitmq-server'), [], { env, detached: true, stdio: ['ignore', out, out] });
    closeSync(out);
    const exited = new Promise<string>((resolve) => child?.once('exit', (code, signal) => resolve(`rabbitmq-server exited (${signal ?? code})`)));
    const failure = await Promise.race([awaitStartup(bin, node, env), exited]);
    if (failure !== undefined) {
      const log = await readFile(join(dir, 'server.out'), 'utf8').catch(() => '');
      const reason = /eaddrinuse|could_not_start_listener|[Ee]rror[^\n]{0,120}/.exec(log)?.[0] ?? failure;
      await cleanup();
      return { skip: `private RabbitMQ node could not start on this machine: ${failure}; ${reason}`.slice(0, 300) };
    }
  } catch (error) {
    await cleanup();
    return { skip: `private RabbitMQ node not started: ${(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).slice(0, 200)}` };
  }
  const started = child;
  return {
    node, port, ctl,
    readLog: () => readFile(join(dir, 'log', `${node}.log`), 'utf8'),
    url: (user, password, vhost) => `amqp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(vhost)}`,
    stop: async () => {
      await ctl('stop').catch(() => undefined);
      const gone = started.exitCode !== null || await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS);
        started.once('exit', () => { clearTimeout(timer); resolve(true); });
      });
      if (!gone) console.warn(`[kvittering] private RabbitMQ ${node} did not stop within ${STOP_TIMEOUT_MS} ms; killed`);
      await cleanup();
    },
  };
}

export { startPrivateRabbit, freePort };
export type { PrivateRabbit };
