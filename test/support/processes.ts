import { Child, eventually, spawnProcess, tsNodeArgs, waitForOutput } from '../../scripts/support/processes';

export type { Child };
export { eventually };

/**
 * Starts `entry` (a TypeScript file under the repo) as a real Node process through ts-node
 * (transpile only) with `env` added, and resolves once its output contains `readyText`.
 * @throws Error with the process output when it exits first or `timeoutMs` passes (it is killed then).
 */
export async function startTsProcess(
  entry: string,
  env: Record<string, string>,
  readyText: string,
  timeoutMs = 30_000,
): Promise<Child> {
  const child = spawnProcess(tsNodeArgs(entry), { env });
  try {
    await waitForOutput(child, readyText, entry, timeoutMs);
    return child;
  } catch (error) {
    child.process.kill('SIGKILL');
    throw error;
  }
}

/** Starts apps/worker against `env` (REDIS_URL and DATABASE_URL at least). */
export function startWorker(env: Record<string, string>): Promise<Child> {
  return startTsProcess('apps/worker/src/main.ts', env, 'worker is processing jobs');
}
