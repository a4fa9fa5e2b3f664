import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';
import { TcpRelay } from './tcp-relay';

/** A TCP server on 127.0.0.1 that answers each line with `<name>:<line>`. */
async function echoServer(name: string): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (data) => socket.write(`${name}:${data.toString()}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

/** Connects to `port`, sends `text`, resolves with the answer, or with `closed` when the relay hangs up. */
function ask(port: number, text: string, socket = connect(port, '127.0.0.1')): Promise<string> {
  return new Promise((resolve) => {
    socket.once('data', (data) => resolve(data.toString()));
    socket.once('close', () => resolve('closed'));
    socket.once('error', () => undefined);
    socket.write(text);
  });
}

describe('TcpRelay', () => {
  const servers: Server[] = [];
  let relay: TcpRelay;
  afterEach(async () => {
    await relay?.close();
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('forwards to its target and, once retargeted, cuts the open connections and sends new ones to the new target', async () => {
    const [a, b] = await Promise.all([echoServer('a'), echoServer('b')]);
    servers.push(a.server, b.server);
    relay = new TcpRelay({ host: '127.0.0.1', port: a.port });
    const { port } = await relay.listen();

    const open = connect(port, '127.0.0.1');
    expect(await ask(port, 'hello', open)).toBe('a:hello');
    expect(relay.openConnections()).toBe(1);

    const closed = new Promise((resolve) => open.once('close', resolve));
    relay.retarget({ host: '127.0.0.1', port: b.port });
    await closed;
    expect(relay.openConnections()).toBe(0);
    expect(await ask(port, 'again')).toBe('b:again');
    // The old target sees its side close a moment later: poll the event loop, not a fixed sleep.
    for (let turns = 0; a.sockets.size && turns < 1_000; turns++) await new Promise(setImmediate);
    expect(a.sockets.size).toBe(0);
  });

  it('hangs up at once when the target refuses or there is none, and reports the failure', async () => {
    const gone = await echoServer('gone');
    await new Promise((resolve) => gone.server.close(resolve));
    const failures: string[] = [];
    relay = new TcpRelay({ host: '127.0.0.1', port: gone.port });
    relay.onUpstreamFailure = (target) => failures.push(`${target.port}`);
    const { port } = await relay.listen();
    expect(await ask(port, 'anyone?')).toBe('closed');
    expect(failures).toEqual([`${gone.port}`]);

    relay.retarget(null);
    expect(await ask(port, 'anyone?')).toBe('closed');
    expect(relay.current()).toBeNull();
  });
});
