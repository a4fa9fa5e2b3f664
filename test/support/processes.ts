import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A child process started from TypeScript sources, with its output so far. */
export interface Child {
  process: ChildProcess;
  output(): string;
  /** Sends SIGTERM and waits for exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `entry` (a TypeScript file under the repo) as a real Node process through ts-node
 * (transpile only) with `env` added, and resolves once its output contains `readyText`.
 * @throws Error with the process output when it exits first or `timeoutMs` passes.
 */
export function startTsProcess(
  entry: string,
  env: Record<string, string>,
  readyText: string,
  timeoutMs = 30_000,
): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', join(ROOT, entry)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_TRANSPILE_ONLY: '1',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        NO_COLOR: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const handle: Child = {
    process: child,
    output: () => output,
    stop: (graceMs = 5_000) => stopChild(child, graceMs),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} was not ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve(handle);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** Sends SIGTERM to `child` and resolves when it exits; SIGKILL after `graceMs` (ms). */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts apps/worker against `env` (REDIS_URL and DATABASE_URL at least). */
export function startWorker(env: Record<string, string>): Promise<Child> {
  return startTsProcess('apps/worker/src/main.ts', env, 'worker is processing jobs');
}

/** Polls `check` every 100 ms until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
