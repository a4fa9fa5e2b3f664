import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = join(__dirname, '..', '..', '..');
/** The private engine's directory (scripts/docker-engine.sh; its image cache survives runs). */
export const DOCKER_DIR = process.env.MARQUEE_DOCKER_DIR ?? join(ROOT, 'data', 'docker');
/** The only address the test ever sends a request to: nginx, published on loopback. */
export const BASE_URL = 'http://127.0.0.1:8080';
export const PROJECT = 'marquee-test';
export const ADMIN_TOKEN = 'container-test-admin-token-0123456789';

/** Environment of every docker and docker-compose call: the private engine, Debian's CLI first. */
export function engineEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MARQUEE_DOCKER_DIR: DOCKER_DIR,
    DOCKER_HOST: `unix://${join(DOCKER_DIR, 'docker.sock')}`,
    PATH: `/usr/bin:/usr/sbin:${process.env.PATH ?? ''}`,
    // docker-compose builds through the engine's API (docker-py), not through a `docker` CLI.
    COMPOSE_DOCKER_CLI_BUILD: '0',
    DOCKER_BUILDKIT: '0',
    ADMIN_TOKEN,
    DATABASE_ADMIN_PASSWORD: 'container-test-database-admin',
    // Every request of the test comes from one address (the host, through the port mapping).
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
}

/**
 * Runs a command to completion with the engine's environment, its output streamed to this
 * process's stderr prefixed by `label` (builds take minutes; CI shows progress).
 * @throws Error with the tail of the output when it exits non-zero.
 */
export function runLogged(label: string, command: string, args: string[], timeoutMs = 40 * 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: engineEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) process.stderr.write(`[${label}] ${line}\n`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}:\n${output.slice(-4000)}`));
    });
  });
}

/** `docker …` (Debian's CLI) against the private engine; its stdout. */
export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('/usr/bin/docker', args, { env: engineEnv(), maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** `docker-compose -p marquee-test …`; its stdout. */
export async function compose(...args: string[]): Promise<string> {
  const { stdout } = await run('docker-compose', ['-p', PROJECT, ...args], {
    cwd: ROOT,
    env: engineEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}

/** A service container's output so far (`docker logs`), stdout and stderr apart. */
export async function logsOf(service: string): Promise<{ stdout: string; stderr: string }> {
  const { stdout, stderr } = await run('/usr/bin/docker', ['logs', await containerOf(service)], {
    env: engineEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout, stderr };
}

/** The container id of a compose service. */
export async function containerOf(service: string): Promise<string> {
  const id = await compose('ps', '-q', service);
  if (!id) throw new Error(`service ${service} has no container`);
  return id.split('\n')[0];
}

/** State of a container: main process pid on the host, health, restart count. */
export async function containerState(
  id: string,
): Promise<{ pid: number; health: string; restarts: number; running: boolean }> {
  const [pid, health, restarts, running] = (
    await docker(
      'inspect',
      '-f',
      '{{.State.Pid}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}} {{.State.Running}}',
      id,
    )
  ).split(' ');
  return { pid: Number(pid), health, restarts: Number(restarts), running: running === 'true' };
}

/** Polls `check` every `everyMs` until truthy; @throws naming `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined | false>,
  everyMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs} ms${last instanceof Error ? ` (last error: ${last.message})` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A request to nginx on 127.0.0.1:8080; JSON body when there is one. */
export async function api(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ status: number; body: any; node: string | null }> {
  const response = await fetch(`${BASE_URL}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (the metrics refusal page, nginx errors)
  }
  return { status: response.status, body, node: response.headers.get('x-marquee-node') };
}

/** `GET /api/cluster` through nginx. */
export interface ClusterView {
  nodeId: number;
  term: number;
  leader: number | null;
  epoch: number;
  nodes: { id: number; up: boolean; failureTimeoutMs: number | null }[];
  databases: { host: string; port: number; role: string; replicatingFrom: string | null }[];
}

export async function cluster(): Promise<ClusterView | undefined> {
  const { status, body } = await api('/api/cluster', { timeoutMs: 5_000 });
  return status === 200 ? (body as ClusterView) : undefined;
}

/** Processes of this machine whose command line mentions `text` (e.g. the engine's directory). */
export function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(text)) found.push(`${entry}: ${cmdline.trim()}`);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/** Prints one line of the test's report (durations, sizes) so CI's log shows it. */
export function report(line: string): void {
  process.stderr.write(`[containers] ${line}\n`);
}
