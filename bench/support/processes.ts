import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { sleep } from './stats';

export const ROOT = join(__dirname, '..', '..');
/** Every address the benchmarks talk to. */
export const HOST = '127.0.0.1';

/** A child process started by a benchmark, with its output so far. */
export interface Child {
  process: ChildProcess;
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

const children = new Set<ChildProcess>();
let hooked = false;

/**
 * Kills whatever children are still alive when the benchmark process exits, however it exits
 * (normal end, thrown error, Ctrl-C, SIGTERM).
 */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the benchmark and its processes`);
      process.exit(130);
    });
  }
}

/** Starts `args` under this Node binary with `env` added; its output is kept for error reports. */
export function startNode(args: string[], env: Record<string, string>, ipc = false): Child {
  hookExit();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return {
    process: child,
    output: () => output,
    stop: (graceMs = 5_000) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Node arguments that run a TypeScript entry through ts-node (transpile only) with the @app/* paths. */
export function tsNodeArgs(entry: string): string[] {
  return ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, entry)];
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** How the API node is run: `ts-node` (default) or `dist` (BENCH_API=dist, after `npm run build`). */
export type ApiMode = 'ts-node' | 'dist';

export interface ApiNode extends Child {
  url: string;
  mode: ApiMode;
}

/**
 * Starts apps/api as its own process on a free port of 127.0.0.1 and waits until
 * `GET /api/health` answers 200 (the node migrates the database before it listens).
 * BENCH_API=dist runs the webpack bundle `dist/apps/api/main.js` instead of the sources;
 * BENCH_API_NODE_ARGS adds node flags (e.g. `--prof`).
 */
export async function startApi(env: Record<string, string>, timeoutMs = 180_000): Promise<ApiNode> {
  const mode: ApiMode = process.env.BENCH_API === 'dist' ? 'dist' : 'ts-node';
  const bundle = join(ROOT, 'dist', 'apps', 'api', 'main.js');
  if (mode === 'dist' && !existsSync(bundle)) throw new Error(`BENCH_API=dist but ${bundle} is missing: run npm run build first`);
  const port = await freePort();
  // BENCH_API_NODE_ARGS: extra node flags for the API process, e.g. "--prof" to profile it.
  const extra = (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  // BENCH_API_PROFILE=<dir>: preload the profiler hook (see profile-hook.js and profileApi()).
  if (process.env.BENCH_API_PROFILE) extra.push('-r', join(__dirname, 'profile-hook.js'));
  const args = [...extra, ...(mode === 'dist' ? [bundle] : tsNodeArgs('apps/api/src/main.ts'))];
  const child = startNode(args, {
    TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    ...env,
  }, Boolean(process.env.BENCH_API_PROFILE));
  const url = `http://${HOST}:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`the API exited with ${child.process.exitCode} before it was ready:\n${child.output()}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return { ...child, url, mode };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`the API was not ready within ${timeoutMs} ms:\n${child.output()}`);
    }
    await sleep(250);
  }
}

/**
 * With BENCH_API_PROFILE set, `'start'` starts a CPU profile of the API process and `'stop'`
 * writes it (see profile-hook.js) and returns the file; otherwise does nothing.
 */
export async function profileApi(api: ApiNode, what: 'start' | 'stop'): Promise<string | undefined> {
  if (!process.env.BENCH_API_PROFILE || !api.process.send) return undefined;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 15_000);
    api.process.once('message', (answer) => {
      clearTimeout(timer);
      resolve(String(answer));
    });
    api.process.send(`profile:${what}`);
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined if unreadable. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] = utime, fields[12] = stime (fields 14 and 15 of proc(5)), in clock ticks
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The pid of the local MariaDB/MySQL server, for reading its CPU use (read only). */
export function databasePid(): number | undefined {
  for (const name of ['mariadbd', 'mysqld']) {
    try {
      const pids = execFileSync('pidof', [name], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
      if (pids[0]) return pids[0];
    } catch {
      // not this name
    }
  }
  return undefined;
}

/** CPU seconds used between `start()` and the returned function's call, per process. */
export function cpuMeter(pids: Record<string, number | undefined>): () => Record<string, number | undefined> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const self = process.cpuUsage();
  return () => {
    const used: Record<string, number | undefined> = {};
    for (const [name, pid] of Object.entries(pids)) {
      const now = cpuSeconds(pid);
      used[name] = now === undefined || before[name] === undefined ? undefined : now - before[name]!;
    }
    const mine = process.cpuUsage(self);
    used['bench (load generator)'] = (mine.user + mine.system) / 1e6;
    return used;
  };
}

/** One line about the machine, printed with every result. */
export function machineLine(): string {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  let db = 'unknown database';
  try {
    db = execFileSync('mysql', ['-V'], { encoding: 'utf8' }).trim();
  } catch {
    // mysql client missing
  }
  return `${cpus().length} cores (${model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${db}`;
}
