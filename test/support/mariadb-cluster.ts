import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Connection, createConnection, RowDataPacket } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { databaseOptions, DatabaseTopology } from '@app/database';
import { ENTITIES } from '@app/schema';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'mariadb-cluster.sh');

/** Instance number 1-3 as scripts/mariadb-cluster.sh counts them (1 starts as the primary). */
export type Instance = 1 | 2 | 3;

/**
 * Three real MariaDB instances from scripts/mariadb-cluster.sh on the given ports, in a fresh
 * temporary directory, with a migrated database `database`. The app user (`marquee`) cannot write
 * to a read-only server; `sql()` runs as root.
 *
 *   const cluster = await startMariadbCluster([3317, 3318, 3319], 'marquee_routing');
 *   await createTestApp('mysql', cluster.appEnv());
 *   await cluster.kill(1); ...; await cluster.destroy();
 */
export class MariadbCluster {
  private readonly admins = new Map<Instance, Connection>();

  private constructor(
    readonly ports: [number, number, number],
    readonly dir: string,
    readonly database: string,
  ) {}

  /** Creates, starts and migrates a cluster (in `dir`, default a new temporary directory). Takes about 5 s. */
  static async start(
    ports: [number, number, number],
    database: string,
    dir = mkdtempSync(join(tmpdir(), 'marquee-mariadb-')),
  ): Promise<MariadbCluster> {
    clearLeftoverInstances(ports);
    const cluster = new MariadbCluster(ports, dir, database);
    try {
      await cluster.script('start');
      await cluster.sql(
        1,
        `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      const dataSource = new DataSource(databaseOptions(DatabaseTopology.ofUrl(cluster.url(1, 'root')), ENTITIES));
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      await dataSource.destroy();
    } catch (error) {
      await cluster.destroy().catch(() => undefined); // nothing left running for the next run
      throw error;
    }
    return cluster;
  }

  /** `mariadb://user@127.0.0.1:port/database` for one instance: the app user (default) or root. */
  url(instance: Instance, user: 'app' | 'root' = 'app'): string {
    const login = user === 'root' ? 'root' : 'marquee:marquee';
    return `mariadb://${login}@127.0.0.1:${this.port(instance)}/${this.database}`;
  }

  port(instance: Instance): number {
    return this.ports[instance - 1];
  }

  /**
   * The environment a node needs: instance 1 as DATABASE_URL, 2 and 3 as replicas, root as admin.
   * Failover is off unless `extra` turns it on: a test's in-process apps each lead a one-node
   * cluster and would otherwise repair the topology behind the test's back.
   */
  appEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_FAILOVER: 'off',
      DATABASE_URL: this.url(1),
      DATABASE_REPLICA_URLS: `${this.url(2)},${this.url(3)}`,
      DATABASE_ADMIN_USER: 'root',
      DATABASE_ADMIN_PASSWORD: '',
      DATABASE_POOL_SIZE: '8',
      ...extra,
    };
  }

  /** Runs SQL as root on one instance; returns the rows. */
  async sql<T = RowDataPacket[]>(instance: Instance, statement: string, values: unknown[] = []): Promise<T> {
    let connection = this.admins.get(instance);
    if (!connection) {
      connection = await createConnection({
        host: '127.0.0.1',
        port: this.port(instance),
        user: 'root',
        connectTimeout: 3_000,
        dateStrings: true,
      });
      connection.on('error', () => this.admins.delete(instance));
      this.admins.set(instance, connection);
    }
    try {
      const [rows] = await connection.query(statement, values);
      return rows as T;
    } catch (error) {
      if (!(error as { sqlState?: string }).sqlState) {
        this.admins.delete(instance);
        connection.destroy();
      }
      throw error;
    }
  }

  /** One value of the first row. */
  async value(instance: Instance, statement: string, values: unknown[] = []): Promise<unknown> {
    const [row] = await this.sql<RowDataPacket[]>(instance, statement, values);
    return row ? Object.values(row)[0] : undefined;
  }

  /** kill -9 of one instance. */
  async kill(instance: Instance): Promise<void> {
    this.forget(instance);
    await this.script('kill', String(instance));
  }

  /** Sends `signal` to one instance's mariadbd, e.g. SIGSTOP / SIGCONT to hang and resume it. */
  signal(instance: Instance, signal: NodeJS.Signals): void {
    const pid = Number(readFileSync(join(this.dir, `node${instance}`, 'mariadbd.pid'), 'utf8').trim());
    process.kill(pid, signal);
  }

  /** Starts one stopped instance as it is (a returning server comes back read-only). */
  async startInstance(instance: Instance): Promise<void> {
    this.forget(instance);
    await this.script('start', String(instance));
  }

  /** The script's status table (for failure messages). */
  async status(): Promise<string> {
    return (await this.script('status')).stdout;
  }

  /** Kills every instance and removes the directory. */
  async destroy(): Promise<void> {
    for (const instance of [1, 2, 3] as Instance[]) this.forget(instance);
    await this.script('destroy');
  }

  private forget(instance: Instance): void {
    this.admins.get(instance)?.destroy();
    this.admins.delete(instance);
  }

  private script(...args: string[]) {
    return run('bash', [SCRIPT, ...args], {
      env: {
        ...process.env,
        MARIADB_CLUSTER_DIR: this.dir,
        MARIADB_CLUSTER_PORTS: this.ports.join(' '),
        MARIADB_CLUSTER_DATABASE: 'marquee',
      },
      timeout: 120_000,
    });
  }
}

/**
 * Kills the mariadbd processes an earlier test run left on `ports` (a run killed, or an afterAll
 * that timed out, before `destroy`) and removes their directories: a test cluster's instances run
 * from `<tmp>/marquee-mariadb-*\/node<n>/my.cnf`, whose `port=` line names the port.
 */
function clearLeftoverInstances(ports: number[]): void {
  const leftovers: { pid: number; port: number; config: string }[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const config = args.find((arg) => arg.startsWith('--defaults-file='))?.slice('--defaults-file='.length);
      if (!config || !/\/marquee-mariadb-[^/]+\/node[123]\/my\.cnf$/.test(config)) continue;
      // Its directory gone (a cleanup that could not kill it): an orphan on some port; kill it too.
      const port = existsSync(config) ? Number(/^port=(\d+)$/m.exec(readFileSync(config, 'utf8'))?.[1]) : 0;
      if (port === 0 || ports.includes(port)) leftovers.push({ pid: Number(pid), port, config });
    } catch {
      // exited meanwhile, or its directory is gone
    }
  }
  for (const { pid, port, config } of leftovers) {
    console.log(`[mariadb-cluster] killing a leftover instance of an earlier run: pid ${pid}, port ${port}, ${config}`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  for (const { config } of leftovers) rmSync(dirname(dirname(config)), { recursive: true, force: true });
}
