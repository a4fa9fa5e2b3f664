import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** How a CLI run ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

/** A home folder with no `~/.config/marquee/cli.json`, so the developer's own config never leaks into a test. */
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'marquee-cli-home-'));

/**
 * Runs `marquee <args>` as a real child process (apps/cli/src/main.ts through ts-node, transpile
 * only) with a clean environment plus `env`; resolves when it exits.
 * @throws Error with its output when it runs longer than `timeoutMs`.
 */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', join(ROOT, 'apps/cli/src/main.ts'), ...args],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: EMPTY_HOME,
        TS_NODE_TRANSPILE_ONLY: '1',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`marquee ${args.join(' ')} ran over ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}

/** Writes a servers file (`id host port` lines) into a fresh temporary folder; returns its path. */
export function writeServersFile(servers: { id: number; host?: string; port: number }[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'marquee-cli-servers-')), 'servers');
  writeFileSync(
    path,
    `# test cluster\n${servers.map((server) => `${server.id} ${server.host ?? '127.0.0.1'} ${server.port}`).join('\n')}\n`,
  );
  return path;
}
