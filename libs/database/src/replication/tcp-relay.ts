import { createServer, Server, Socket, connect } from 'node:net';
import { ServerAddress } from './database-server';

/**
 * A node-local TCP relay: listens on 127.0.0.1 (a random port) and joins each accepted socket to
 * a socket it opens to the current `target`. {@link retarget} sends new connections elsewhere and
 * cuts every open pair, so nothing keeps talking to the old target: the MySQL pool sees its
 * connections close and drops them. With no target (or the target refusing), a new connection is
 * closed at once, so callers fail fast instead of hanging.
 */
export class TcpRelay {
  private server?: Server;
  private target: ServerAddress | null;
  private generation = 0;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  /** Called when the target cannot be reached (e.g. to look for a new primary). */
  onUpstreamFailure?: (target: ServerAddress, error: Error) => void;

  constructor(target: ServerAddress | null) {
    this.target = target;
  }

  /** Starts listening on `host` (default 127.0.0.1) at a free port; returns that port. */
  async listen(host = '127.0.0.1'): Promise<ServerAddress> {
    const server = createServer({ noDelay: true }, (client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    this.server = server;
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the relay has no TCP address');
    return { host, port: address.port };
  }

  /** Where new connections go now. */
  current(): ServerAddress | null {
    return this.target;
  }

  /** Open client connections. */
  openConnections(): number {
    return this.pairs.size;
  }

  /** Sends new connections to `target` (null: refuse them) and cuts every open one. */
  retarget(target: ServerAddress | null): void {
    this.target = target;
    this.generation += 1;
    this.cutAll();
  }

  /** Stops listening and cuts every open connection. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.target = null;
    this.generation += 1;
    this.cutAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const target = this.target;
    if (!target) {
      client.destroy();
      return;
    }
    const generation = this.generation;
    client.pause();
    const upstream = connect({ host: target.host, port: target.port, noDelay: true });
    const pair = { client, upstream };
    this.pairs.add(pair);
    const cut = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.setKeepAlive(true, 10_000);
    upstream.setKeepAlive(true, 10_000);
    let connected = false;
    client.on('error', cut).on('close', cut);
    upstream.on('error', (error) => {
      if (!connected) this.onUpstreamFailure?.(target, error);
      cut();
    });
    upstream.on('close', cut);
    upstream.once('connect', () => {
      connected = true;
      // Retargeted while connecting: this socket leads to the old target.
      if (generation !== this.generation) return cut();
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }

  private cutAll(): void {
    for (const { client, upstream } of [...this.pairs]) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }
}
