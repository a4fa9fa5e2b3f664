import { ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Child, freePort, ROOT, spawnProcess, tsNodeArgs, waitForHttp } from '../../scripts/support/processes';

export type { Child };
export { freePort, ROOT, tsNodeArgs };
/** Every address the benchmarks talk to. */
export const HOST = '127.0.0.1';

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

/**
 * Ends the benchmark (and, through the exit hook, its children) if it runs longer than `ms`:
 * a last guard so a hung server or database cannot keep it running.
 */
export function watchdog(ms: number): void {
  hookExit();
  setTimeout(() => {
    console.error(`watchdog: the benchmark ran longer than ${Math.round(ms / 1000)} s; stopping it`);
    process.exit(2);
  }, ms).unref();
}

/** Starts `args` under this Node binary with `env` added, killed when the benchmark exits; its output is kept for error reports. */
export function startNode(args: string[], env: Record<string, string>, ipc = false): Child {
  hookExit();
  const child = spawnProcess(args, { env, ipc });
  children.add(child.process);
  child.process.once('exit', () => children.delete(child.process));
  return child;
}

/**
 * How the API node is run: `ts-node` (default: the sources, transpile only, like the e2e tests),
 * `dist` (BENCH_API=dist: the webpack bundle dist/apps/api/main.js after `npm run build`), or
 * a compiled JS entry (BENCH_API=/path/to/main.js, run with tsconfig-paths; set TS_NODE_BASEURL
 * to the build's root when its @app/* imports are not bundled).
 */
export type ApiMode = 'ts-node' | 'dist' | 'js';

export interface ApiNode extends Child {
  url: string;
  mode: ApiMode;
  /** What runs, for the output. */
  command: string;
}

/**
 * Starts apps/api as its own process on a free port of 127.0.0.1 and waits until
 * `GET /api/health` answers 200 (the node migrates the database before it listens).
 * BENCH_API chooses how (see {@link ApiMode}); BENCH_API_NODE_ARGS adds node flags (e.g.
 * `--prof`); BENCH_API_PROFILE=<dir> preloads the CPU profiler hook (see {@link profileApi}).
 */
export async function startApi(env: Record<string, string>, timeoutMs = 180_000): Promise<ApiNode> {
  const choice = process.env.BENCH_API ?? 'ts-node';
  const mode: ApiMode = choice === 'ts-node' ? 'ts-node' : choice === 'dist' ? 'dist' : 'js';
  const entry = mode === 'dist' ? join(ROOT, 'dist', 'apps', 'api', 'main.js') : mode === 'js' ? choice : undefined;
  if (entry && !existsSync(entry))
    throw new Error(`BENCH_API=${choice}: ${entry} is missing${mode === 'dist' ? ' (run npm run build first)' : ''}`);
  const port = await freePort();
  const extra = (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  if (process.env.BENCH_API_PROFILE) extra.push('-r', join(__dirname, 'profile-hook.js'));
  const target = entry ? ['-r', 'tsconfig-paths/register', entry] : tsNodeArgs('apps/api/src/main.ts');
  const args = [...extra, ...target];
  const child = startNode(
    args,
    { NODE_ENV: 'production', HOST, PORT: String(port), ...env },
    Boolean(process.env.BENCH_API_PROFILE),
  );
  const url = `http://${HOST}:${port}`;
  const command = `node ${args.map((arg) => arg.replace(`${ROOT}/`, '')).join(' ')}`;
  try {
    await waitForHttp(child, `${url}/api/health`, 'the API', timeoutMs);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { ...child, url, mode, command };
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

/** The pid of the MariaDB/MySQL server listening on `port` of 127.0.0.1, for reading its CPU use (read only). */
export function databasePid(port = 3306): number | undefined {
  try {
    const line = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
    const pid = /pid=(\d+)/.exec(line)?.[1];
    if (pid) return Number(pid);
  } catch {
    // no ss
  }
  return undefined;
}

/** Busy CPU seconds of the whole machine so far (all cores, /proc/stat); undefined if unreadable. */
export function machineBusySeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + (steal ?? 0)) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Starts counting CPU seconds of the named processes, of this process (the load generator) and
 * of everything else on the machine ('other': other users' work is noise in the numbers);
 * the returned function reads what was used since.
 */
export function cpuMeter(pids: Record<string, number | undefined>): () => Record<string, number | undefined> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const busyBefore = machineBusySeconds();
  const self = process.cpuUsage();
  return () => {
    const used: Record<string, number | undefined> = {};
    for (const [name, pid] of Object.entries(pids)) {
      const now = cpuSeconds(pid);
      used[name] = now === undefined || before[name] === undefined ? undefined : now - before[name]!;
    }
    const mine = process.cpuUsage(self);
    used.bench = (mine.user + mine.system) / 1e6;
    const busyNow = machineBusySeconds();
    if (busyNow !== undefined && busyBefore !== undefined) {
      const ours = Object.values(used).reduce<number>((sum, n) => sum + (n ?? 0), 0);
      used.other = Math.max(0, busyNow - busyBefore - ours);
    }
    return used;
  };
}

/** The 1-minute load average and the busiest processes that are not ours, as a warning line. */
export function noiseLine(ours: number[]): string {
  let top = '';
  try {
    const rows = execFileSync('ps', ['-eo', 'pid=,etimes=,pcpu=,comm=', '--sort=-pcpu'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    top = rows
      .map((row) => row.trim().split(/\s+/))
      .filter(
        ([pid, etimes, pcpu]) =>
          !ours.includes(Number(pid)) && Number(pid) !== process.pid && Number(etimes) >= 10 && Number(pcpu) >= 5,
      )
      .slice(0, 5)
      .map(([pid, , pcpu, comm]) => `${comm}(${pid}) ${pcpu}%`)
      .join(', ');
  } catch {
    // no ps
  }
  return `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}${top ? `; other busy processes (ps: average %CPU over their lifetime): ${top}` : ''}`;
}

/** The commit the tree is at and whether it has uncommitted changes, printed with every result. */
export function codeLine(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return `${head}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
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
