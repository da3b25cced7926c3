// The RabbitMQ broker Fiks IO runs on: connecting with a bounded wait, telling whether one answers
// (so tests can skip with a reason instead of hanging), and throw-away vhosts so every test and run
// has its own queues, removed afterwards. Vhosts are made with rabbitmqctl, which runs on the broker's
// own machine; a remote broker needs them made by its operator.

import { KvitteringError } from '../../errors.js';
import { wallNowMs } from '../../runtime/wall-clock.js';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import amqp, { type ChannelModel } from 'amqplib';

const run = promisify(execFile);

const DEFAULT_BROKER_URL = 'amqp://guest:guest@127.0.0.1:5672';
const CONNECT_TIMEOUT_MS = 3_000;

function vhostUrl(brokerUrl: string, vhost: string): string {
  const u = new URL(brokerUrl);
  u.pathname = `/${encodeURIComponent(vhost)}`;
  return u.toString();
}

async function connectBroker(url: string, timeoutMs = CONNECT_TIMEOUT_MS, log?: (line: string) => void): Promise<ChannelModel> {
  // amqplib's socket timeout bounds the TCP connect; the race bounds the AMQP handshake too.
  let timer: NodeJS.Timeout | undefined;
  const connecting = amqp.connect(url, { timeout: timeoutMs });
  try {
    const connection = await Promise.race([
      connecting,
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no AMQP handshake within ${timeoutMs} ms`)), timeoutMs); }),
    ]);
    // Without a listener a dropped connection would throw out of the process; a 'close' always follows.
    connection.on('error', (error: unknown) => log?.(`broker connection error: ${error instanceof Error ? error.message : String(error)}`));
    return connection;
  } catch (error) {
    // A connection that completes after the deadline is closed, not leaked.
    void connecting.then((late) => late.close(), () => undefined);
    const safe = new URL(url);
    safe.password = '';
    throw new KvitteringError('E_BROKER', `no RabbitMQ at ${safe.host}${safe.pathname} (${error instanceof Error ? error.message : String(error)}) — expected an AMQP 0-9-1 broker`, 'Start RabbitMQ (rabbitmq-server -detached) or pass the right --broker URL.');
  } finally {
    clearTimeout(timer);
  }
}

/** Why the broker cannot be used here, or undefined when it answers and rabbitmqctl works. */
async function brokerUnavailable(url = DEFAULT_BROKER_URL): Promise<string | undefined> {
  try {
    const connection = await connectBroker(url, 2_000);
    await connection.close();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  try {
    await run('rabbitmqctl', ['-q', 'list_vhosts'], { timeout: 15_000 });
  } catch (error) {
    return `rabbitmqctl does not answer (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): vhosts cannot be made`;
  }
  return undefined;
}

interface ScratchVhost {
  name: string;
  /** The broker URL with this vhost. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty vhost the given user may use; dropping it removes every queue in it. */
async function scratchVhost(brokerUrl = DEFAULT_BROKER_URL, prefix = 'kvittering-'): Promise<ScratchVhost> {
  const name = `${prefix}${wallNowMs().toString(36)}-${randomUUID().slice(0, 8)}`;
  const user = decodeURIComponent(new URL(brokerUrl).username) || 'guest';
  await run('rabbitmqctl', ['-q', 'add_vhost', name], { timeout: 15_000 });
  await run('rabbitmqctl', ['-q', 'set_permissions', '-p', name, user, '.*', '.*', '.*'], { timeout: 15_000 });
  return {
    name,
    url: vhostUrl(brokerUrl, name),
    drop: async () => { await run('rabbitmqctl', ['-q', 'delete_vhost', name], { timeout: 15_000 }); },
  };
}

export { connectBroker, brokerUnavailable, scratchVhost, vhostUrl, DEFAULT_BROKER_URL };
export type { ScratchVhost };
