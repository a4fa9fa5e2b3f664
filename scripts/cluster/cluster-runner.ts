import { chmodSync, createWriteStream, existsSync, mkdirSync, WriteStream, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  Child,
  isRunning,
  portFree,
  ROOT,
  spawnProcess,
  stopChild,
  tsNodeArgs,
  waitForHttp,
  waitForOutput,
} from '../support/processes';
import { clearLeftovers } from '../support/pid-registry';
import { BalanceMode, renderNginxConfig } from './nginx-config';

/** What {@link ClusterRunner.start} starts. */
export interface ClusterRunnerOptions {
  /** API nodes, ids 1..nodes. */
  nodes: number;
  /** Node `i` listens on `basePort + i - 1`. */
  basePort: number;
  /** Address the nodes and nginx listen on (default 127.0.0.1). */
  host?: string;
  /** nginx's port; undefined: no nginx. */
  proxyPort?: number;
  balance?: BalanceMode;
  /** Weights of nodes 1..n in `weighted` mode (default 1 each). */
  weights?: number[];
  /** nginx fail_timeout in seconds (default 10). */
  failTimeoutSeconds?: number;
  /** Where the servers file, nginx.conf, logs and pids go (created). */
  runDir: string;
  /** Run built JavaScript from dist/ (after `npm run build`) or the TypeScript sources through ts-node. */
  entry: 'dist' | 'ts';
  /** Environment of every process (DATABASE_URL, REDIS_URL, ADMIN_TOKEN, timings …). */
  env: Record<string, string>;
  /** Extra environment per node id. */
  nodeEnv?: (id: number) => Record<string, string>;
  /** Also start apps/worker (needs REDIS_URL). */
  worker?: boolean;
  /** Restart a node that exits on its own, after this delay (doubling for repeated crashes, at most 30 s); undefined: don't. */
  restartDelayMs?: number;
  /** Each output line of every process, prefixed with its name (e.g. to print them); always also in <runDir>/logs. */
  onLine?: (line: string) => void;
  /** How long a process may take to become ready (ms; default 60 000). */
  readyTimeoutMs?: number;
}

interface Managed {
  name: string;
  child?: Child;
  /** Set while a stop or kill was asked for: the exit is not a crash. */
  stopping: boolean;
  crashes: number;
  lastStart: number;
  restartTimer?: NodeJS.Timeout;
  exited?: Promise<void>;
}

/**
 * A local Marquee cluster of real processes: N API nodes (each with NODE_ID, PORT and the
 * generated servers file), optionally the worker and nginx (balancing by `balance`, config from
 * nginx/local.conf.template). Used by `npm run cluster` and the cluster tests. A node that exits
 * on its own is restarted when `restartDelayMs` is set; {@link kill} and {@link stop} are not crashes.
 */
export class ClusterRunner {
  readonly host: string;
  private readonly processes = new Map<string, Managed>();
  private readonly logs = new Map<string, WriteStream>();
  private stopped = false;

  private constructor(readonly options: ClusterRunnerOptions) {
    this.host = options.host ?? '127.0.0.1';
  }

  /** Writes the run directory, starts everything and waits until each process is ready. */
  static async start(options: ClusterRunnerOptions): Promise<ClusterRunner> {
    const runner = new ClusterRunner(options);
    for (const line of await clearLeftovers(ROOT)) console.log(`stopped a leftover of an earlier run: ${line}`);
    await runner.checkPortsFree();
    try {
      runner.prepare();
      await Promise.all(runner.nodeIds().map((id) => runner.startNode(id)));
      if (options.worker) await runner.startWorker();
      if (options.proxyPort !== undefined) await runner.startNginx();
      return runner;
    } catch (error) {
      await runner.stop();
      throw error;
    }
  }

  /** 1..n. */
  nodeIds(): number[] {
    return Array.from({ length: this.options.nodes }, (_, index) => index + 1);
  }

  /** Base URL of node `id`, e.g. `http://127.0.0.1:3001`. */
  nodeUrl(id: number): string {
    return `http://${this.host}:${this.port(id)}`;
  }

  port(id: number): number {
    return this.options.basePort + id - 1;
  }

  /** nginx's base URL (the cluster's public entry). */
  get url(): string {
    if (this.options.proxyPort === undefined) throw new Error('this cluster runs without nginx');
    return `http://${this.host}:${this.options.proxyPort}`;
  }

  get serversFile(): string {
    return join(this.options.runDir, 'servers.txt');
  }

  /** The OS process id of node `id` (undefined while it is down). */
  pid(id: number): number | undefined {
    return this.processes.get(`node-${id}`)?.child?.process.pid;
  }

  /** Whether node `id`'s process is running. */
  running(id: number): boolean {
    return isRunning(this.processes.get(`node-${id}`)?.child?.process);
  }

  /** Starts node `id` (again) and waits until `GET /api/health` answers 200. */
  async startNode(id: number): Promise<void> {
    const env = {
      // nginx runs on this machine: its X-Forwarded-For names the client (README "Security").
      TRUSTED_PROXIES: '127.0.0.1',
      ...this.options.env,
      NODE_ID: String(id),
      PORT: String(this.port(id)),
      HOST: this.host,
      SERVERS_FILE: this.serversFile,
      ...this.options.nodeEnv?.(id),
    };
    const args =
      this.options.entry === 'dist' ? [join(ROOT, 'dist/apps/api/main.js')] : tsNodeArgs('apps/api/src/main.ts');
    this.spawn(`node-${id}`, args, env);
    await this.waitHealthy(id);
  }

  /** Sends `signal` to node `id` (SIGKILL by default: a crash) and waits for it to exit; it is not restarted. */
  async kill(id: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.halt(`node-${id}`, signal);
  }

  /** Waits until node `id` answers `GET /api/health` with 200. @throws Error after readyTimeoutMs. */
  async waitHealthy(id: number): Promise<void> {
    await this.waitFor(`node ${id}`, `${this.nodeUrl(id)}/api/health`, `node-${id}`);
  }

  /** Stops everything: nginx, the worker, the nodes (SIGTERM, SIGKILL after 10 s). */
  async stop(): Promise<void> {
    this.stopped = true;
    const order = [...this.processes.keys()].sort((a, b) => rank(a) - rank(b));
    await Promise.all(order.filter((name) => rank(name) === 0).map((name) => this.halt(name, 'SIGTERM')));
    await Promise.all(order.filter((name) => rank(name) > 0).map((name) => this.halt(name, 'SIGTERM')));
    for (const log of this.logs.values()) log.end();
  }

  /** The last part of a process's log file name, e.g. `node-2` → `<runDir>/logs/node-2.log`. */
  logFile(name: string): string {
    return join(this.options.runDir, 'logs', `${name}.log`);
  }

  /**
   * @throws Error naming a node or nginx port that something else listens on: the cluster would
   *   otherwise come up behind a stranger (an old nginx answers the health checks of the new one).
   */
  private async checkPortsFree(): Promise<void> {
    const wanted = this.nodeIds().map((id) => ({ what: `node ${id}`, port: this.port(id) }));
    if (this.options.proxyPort !== undefined) wanted.push({ what: 'nginx', port: this.options.proxyPort });
    for (const { what, port } of wanted)
      if (!(await portFree(port, this.host)))
        throw new Error(
          `port ${port} (${what}) on ${this.host} is in use by a process this checkout did not start: ` +
            `stop it (ss -ltnp 'sport = :${port}' names it) or choose other ports (--port, --base-port)`,
        );
  }

  private prepare(): void {
    const { runDir, nodes } = this.options;
    if (!(Number.isInteger(nodes) && nodes >= 1 && nodes <= 50)) throw new Error(`nodes must be 1 to 50, got ${nodes}`);
    for (const dir of [runDir, join(runDir, 'logs'), join(runDir, 'nginx-temp')]) mkdirSync(dir, { recursive: true });
    // nginx's worker processes drop root privileges; they must reach their temp files.
    chmodSync(runDir, 0o755);
    const lines = this.nodeIds().map((id) => `${id} ${this.host} ${this.port(id)}`);
    writeFileSync(
      this.serversFile,
      `# Marquee cluster members: id host port (written by the cluster runner)\n${lines.join('\n')}\n`,
    );
    if (this.options.proxyPort !== undefined) {
      const config = renderNginxConfig({
        runDir: resolve(runDir),
        listen: `${this.host}:${this.options.proxyPort}`,
        mode: this.options.balance ?? 'round-robin',
        failTimeoutSeconds: this.options.failTimeoutSeconds,
        nodes: this.nodeIds().map((id) => ({
          host: this.host,
          port: this.port(id),
          weight: this.options.weights?.[id - 1],
        })),
      });
      writeFileSync(join(runDir, 'nginx.conf'), config);
    }
  }

  private async startWorker(): Promise<void> {
    const args =
      this.options.entry === 'dist' ? [join(ROOT, 'dist/apps/worker/main.js')] : tsNodeArgs('apps/worker/src/main.ts');
    this.spawn('worker', args, this.options.env);
    await waitForOutput(
      this.current('worker'),
      'worker is processing jobs',
      'worker',
      this.readyTimeoutMs,
      `; see ${this.logFile('worker')}`,
    );
  }

  private async startNginx(): Promise<void> {
    const binary = findNginx();
    const runDir = resolve(this.options.runDir);
    this.spawn('nginx', ['-p', runDir, '-c', join(runDir, 'nginx.conf'), '-g', 'daemon off;'], {}, binary);
    await this.waitFor('nginx', `${this.url}/api/health`, 'nginx');
  }

  private spawn(name: string, args: string[], env: Record<string, string>, command = process.execPath): void {
    const managed: Managed = this.processes.get(name) ?? { name, stopping: false, crashes: 0, lastStart: 0 };
    this.processes.set(name, managed);
    clearTimeout(managed.restartTimer);
    managed.stopping = false;
    managed.lastStart = Date.now();
    const log = this.log(name);
    let partial = '';
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.options.onLine?.(`[${name}] ${line}`);
    };
    const started = spawnProcess(args, { env, onData }, command);
    managed.child = started;
    const child = started.process;
    managed.exited = new Promise((resolveExit) =>
      child.once('exit', (code, signal) => {
        log.write(`\n[cluster runner] ${name} exited (${signal ?? `code ${code}`})\n`);
        resolveExit();
        if (managed.child !== started || managed.stopping || this.stopped) return;
        this.options.onLine?.(`[${name}] exited unexpectedly (${signal ?? `code ${code}`})`);
        this.scheduleRestart(managed, args, env, command);
      }),
    );
  }

  private scheduleRestart(managed: Managed, args: string[], env: Record<string, string>, command: string): void {
    const base = this.options.restartDelayMs;
    if (base === undefined || !managed.name.startsWith('node-')) return;
    // A node that keeps crashing right after start waits longer each time; one that ran a while restarts fast.
    managed.crashes = Date.now() - managed.lastStart > 30_000 ? 1 : managed.crashes + 1;
    const delay = Math.min(30_000, base * 2 ** (managed.crashes - 1));
    this.options.onLine?.(`[${managed.name}] restarting in ${delay} ms`);
    managed.restartTimer = setTimeout(() => {
      if (!this.stopped && !managed.stopping) this.spawn(managed.name, args, env, command);
    }, delay);
  }

  private async halt(name: string, signal: NodeJS.Signals): Promise<void> {
    const managed = this.processes.get(name);
    if (!managed) return;
    managed.stopping = true;
    clearTimeout(managed.restartTimer);
    const child = managed.child?.process;
    if (!child || !isRunning(child)) return;
    await stopChild(child, 10_000, signal);
    await managed.exited;
  }

  private log(name: string): WriteStream {
    let log = this.logs.get(name);
    if (!log) {
      log = createWriteStream(this.logFile(name), { flags: 'a' });
      this.logs.set(name, log);
    }
    return log;
  }

  /** Polls `url` until it answers 200; fails early if process `name` exits. */
  private async waitFor(what: string, url: string, name: string): Promise<void> {
    if (this.stopped) throw new Error(`the cluster was stopped while ${what} was starting`);
    await waitForHttp(this.current(name), url, what, this.readyTimeoutMs, `; see ${this.logFile(name)}`);
  }

  /** The process `name` runs as now (it may have been restarted). */
  private current(name: string): () => Child | undefined {
    return () => this.processes.get(name)?.child;
  }

  private get readyTimeoutMs(): number {
    return this.options.readyTimeoutMs ?? 60_000;
  }
}

/** nginx first, then the worker, then the nodes. */
function rank(name: string): number {
  return name === 'nginx' ? 0 : name === 'worker' ? 1 : 2;
}

/** The nginx binary: on PATH or Debian's /usr/sbin/nginx. @throws Error with how to install it. */
export function findNginx(): string {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin']) {
    const candidate = join(dir, 'nginx');
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error('nginx is not installed: apt-get install nginx (or run bash scripts/ensure-services.sh)');
}
