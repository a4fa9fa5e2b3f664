import { ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { recordChild } from './pid-registry';
import Redis from 'ioredis';

// The one set of process helpers: scripts/ (the local cluster), test/ and bench/ start, watch and
// stop their processes with these. Dependencies run one way: test/ and bench/ import scripts/,
// never the reverse.

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..');

/** A child process, with its output so far. */
export interface Child {
  process: ChildProcess;
  /** stdout and stderr as they came (the last 256 KiB). */
  output(): string;
  /** Sends SIGTERM and resolves once it exited (SIGKILL after `graceMs`, default 5 s). */
  stop(graceMs?: number): Promise<void>;
}

/** What {@link spawnProcess} starts besides the command. */
export interface SpawnOptions {
  /** Added to this process's environment (and NO_COLOR=1, TS_NODE_PROJECT=tsconfig.json). */
  env?: Record<string, string>;
  /** Open an IPC channel (process.send) to the child. */
  ipc?: boolean;
  /** Called with every chunk of stdout and stderr. */
  onData?: (chunk: Buffer) => void;
}

/** Most output a {@link Child} keeps (characters). */
const OUTPUT_LIMIT = 262_144;

/** Node arguments that run a TypeScript entry (relative to the root) through ts-node (transpile only) with the @app/* paths. */
export function tsNodeArgs(entry: string): string[] {
  return ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, entry)];
}

/** Starts `command args` (default: this Node binary) in the root, its output piped and kept. */
export function spawnProcess(args: string[], options: SpawnOptions = {}, command = process.execPath): Child {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...options.env },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) {
    const forget = recordChild(ROOT, child.pid, [command, ...args].join(' '));
    child.once('exit', forget);
  }
  let output = '';
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
    options.onData?.(chunk);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return { process: child, output: () => output, stop: (graceMs = 5_000) => stopChild(child, graceMs) };
}

/** True while `child` has neither exited nor been killed. */
export function isRunning(child: ChildProcess | undefined): boolean {
  return !!child && child.exitCode === null && child.signalCode === null;
}

/** Sends SIGTERM (or `signal`) to `child` and resolves when it exits; SIGKILL after `graceMs` (ms). */
export function stopChild(child: ChildProcess, graceMs = 5_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise<void>((resolveStop) => {
    if (!isRunning(child)) return resolveStop();
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolveStop();
    });
    child.kill(signal);
  });
}

/**
 * Calls `check` every `everyMs` until it returns a truthy value, and resolves with it.
 * @throws Error `<what> did not hold within <timeoutMs> ms` (or what `check` throws).
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  what = 'condition',
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolveWait) => setTimeout(resolveWait, everyMs));
  }
}

/** The HTTP status of GET `url`, or 0 when nothing answered within 2 s. */
export function httpStatus(url: string): Promise<number> {
  return new Promise((resolveStatus) => {
    const request = get(url, { timeout: 2_000 }, (response) => {
      response.resume();
      resolveStatus(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolveStatus(0));
  });
}

/** A process being waited for: a {@link Child}, or a function naming the current one (it may be restarted). */
export type Watched = Child | (() => Child | undefined);

/**
 * Resolves once `ready()` holds while the process runs (checked every `everyMs`).
 * @throws Error naming `what`, with `details` (default: the process output), when it exits first
 *   or `timeoutMs` passes.
 */
export async function waitUntilReady(
  watched: Watched,
  ready: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
  details?: string,
  everyMs = 50,
): Promise<void> {
  const current = typeof watched === 'function' ? watched : () => watched;
  const describe = () => details ?? `:\n${current()?.output() ?? ''}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready()) return;
    const child = current()?.process;
    if (!isRunning(child)) {
      const how = child ? ` with ${child.signalCode ?? child.exitCode}` : '';
      throw new Error(`${what} exited${how} before it was ready${describe()}`);
    }
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms${describe()}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, everyMs));
  }
}

/** Resolves once the process has printed `text` (see {@link waitUntilReady}). */
export function waitForOutput(
  watched: Watched,
  text: string,
  what: string,
  timeoutMs: number,
  details?: string,
): Promise<void> {
  const current = typeof watched === 'function' ? watched : () => watched;
  return waitUntilReady(watched, () => !!current()?.output().includes(text), what, timeoutMs, details);
}

/** Resolves once GET `url` answers 200 while the process runs (see {@link waitUntilReady}). */
export function waitForHttp(
  watched: Watched,
  url: string,
  what: string,
  timeoutMs: number,
  details?: string,
): Promise<void> {
  return waitUntilReady(watched, async () => (await httpStatus(url)) === 200, what, timeoutMs, details, 150);
}

/** A TCP port free on 127.0.0.1 right now. */
/** True when nothing listens on `host:port` (a listener can bind it now). */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, host, () => server.close(() => resolveFree(true)));
  });
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Whether a Redis answers PING at `url` (one attempt, 2 s connect timeout). */
export async function redisReachable(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2_000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
