// A loopback TCP proxy we control (Toxiproxy's idea, in-process): the case system connects to the
// database through it, and the fault driver cuts it to make the database unreachable for a window
// without stopping a server others share. `reset` drops every connection and refuses new ones (the
// case system sees ECONNRESET / ECONNREFUSED at once); `blackhole` accepts and forwards nothing (it
// sees timeouts, like a network partition).

import net from 'node:net';
import { KvitteringError } from '../errors.js';

type CutMode = 'reset' | 'blackhole';

interface TcpProxyOptions {
  targetHost: string;
  targetPort: number;
  /** Port to listen on (127.0.0.1); 0 picks a free one. */
  listenPort?: number;
}

class TcpProxy {
  private server: net.Server | undefined;
  private readonly pairs = new Set<net.Socket>();
  private mode: CutMode | undefined;
  private portNumber = 0;
  /** Connections accepted since start (a test can see the client reconnecting). */
  accepted = 0;

  constructor(private readonly options: TcpProxyOptions) {}

  get port(): number {
    if (this.portNumber === 0) throw new KvitteringError('E_PROXY', 'the proxy has no port yet — expected start() to have finished');
    return this.portNumber;
  }

  get cut(): CutMode | undefined {
    return this.mode;
  }

  async start(): Promise<number> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(this.options.listenPort ?? 0, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new KvitteringError('E_PROXY', 'the proxy did not get a TCP port');
    this.portNumber = address.port;
    return this.portNumber;
  }

  /** Make the target unreachable: every open connection is reset now; new ones fail as `mode` says. */
  cutOff(mode: CutMode = 'reset'): void {
    this.mode = mode;
    for (const socket of this.pairs) socket.resetAndDestroy();
    this.pairs.clear();
  }

  /** Reachable again: new connections are forwarded. */
  heal(): void {
    this.mode = undefined;
  }

  async close(): Promise<void> {
    for (const socket of this.pairs) socket.destroy();
    this.pairs.clear();
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.accepted++;
    client.on('error', () => undefined);
    if (this.mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    this.pairs.add(client);
    client.once('close', () => this.pairs.delete(client));
    if (this.mode === 'blackhole') return; // held open, nothing forwarded, until heal + reconnect or a cut
    const upstream = net.connect({ host: this.options.targetHost, port: this.options.targetPort });
    upstream.on('error', () => client.destroy());
    this.pairs.add(upstream);
    upstream.once('close', () => { this.pairs.delete(upstream); client.destroy(); });
    client.once('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

export { TcpProxy };
export type { CutMode, TcpProxyOptions };
