/**
 * `npm run cluster [-- options]`: a local Marquee cluster from installed binaries — N API nodes,
 * the worker and nginx in front, against MariaDB and Redis — until Ctrl-C. See README "Cluster".
 *
 *   --nodes N            API nodes (default 3), listening on base-port, base-port+1, …
 *   --base-port P        first node's port (default 3001)
 *   --port P             nginx's port, the cluster's URL (default 8080)
 *   --balance MODE       round-robin (default) | least_conn | weighted
 *   --weights 3,2,1      per-node weights for --balance weighted (default 1 each)
 *   --run-dir DIR        servers file, nginx.conf, logs (default data/cluster)
 *   --no-build           use what dist/ holds (default: npm run build first)
 *   --quiet              write the processes' output only to <run-dir>/logs, not to the terminal
 *   --single-database    one MariaDB (DATABASE_URL) instead of the replicated three
 *
 * Database: by default three MariaDB instances — a primary and two replicas, GTID + semi-sync —
 * started by scripts/mariadb-cluster.sh (ports 3307–3309, data under data/mariadb-cluster), with
 * leader-driven failover. With DATABASE_URL set, or --single-database, one server instead.
 *
 * Environment: DATABASE_URL (single database; default mysql://root@127.0.0.1:3306/marquee, the
 * database is created when missing), REDIS_URL (default redis://127.0.0.1:6379), ADMIN_TOKEN (made up and
 * printed when unset); any other Marquee variable (e.g. HEARTBEAT_INTERVAL_MS) passes to the nodes.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from '@app/database';
import { BALANCE_MODES, BalanceMode } from './cluster/nginx-config';
import { ClusterRunner, findNginx } from './cluster/cluster-runner';
import { redisReachable } from './support/processes';

interface Settings {
  nodes: number;
  basePort: number;
  port: number;
  balance: BalanceMode;
  weights?: number[];
  runDir: string;
  build: boolean;
  quiet: boolean;
  replicated: boolean;
}

const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/marquee';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Parses the command line. @throws Error naming the bad option. */
function parseArguments(argv: string[]): Settings {
  const settings: Settings = {
    nodes: 3,
    basePort: 3001,
    port: 8080,
    balance: 'round-robin',
    runDir: 'data/cluster',
    build: true,
    quiet: false,
    replicated: !process.env.DATABASE_URL,
  };
  const integer = (name: string, value: string | undefined, min: number, max: number): number => {
    const number = /^[0-9]+$/.test(value ?? '') ? Number(value) : NaN;
    if (!(number >= min && number <= max))
      throw new Error(`${name} must be an integer from ${min} to ${max}, got "${value ?? ''}"`);
    return number;
  };
  for (let index = 0; index < argv.length; index++) {
    const option = argv[index];
    const value = () => argv[++index];
    switch (option) {
      case '--nodes':
        settings.nodes = integer('--nodes', value(), 1, 20);
        break;
      case '--base-port':
        settings.basePort = integer('--base-port', value(), 1024, 65_000);
        break;
      case '--port':
        settings.port = integer('--port', value(), 1, 65_535);
        break;
      case '--balance': {
        const mode = value() as BalanceMode;
        if (!BALANCE_MODES.includes(mode))
          throw new Error(`--balance must be one of ${BALANCE_MODES.join(', ')}, got "${mode ?? ''}"`);
        settings.balance = mode;
        break;
      }
      case '--weights':
        settings.weights = (value() ?? '').split(',').map((weight) => integer('--weights', weight.trim(), 1, 100));
        break;
      case '--run-dir':
        settings.runDir = value() ?? '';
        break;
      case '--no-build':
        settings.build = false;
        break;
      case '--quiet':
        settings.quiet = true;
        break;
      case '--single-database':
        settings.replicated = false;
        break;
      default:
        throw new Error(`unknown option "${option}" (see the top of scripts/cluster.ts)`);
    }
  }
  if (settings.weights && settings.weights.length !== settings.nodes)
    throw new Error(`--weights needs ${settings.nodes} weights, got ${settings.weights.length}`);
  if (settings.weights && settings.balance !== 'weighted') throw new Error('--weights goes with --balance weighted');
  const ports = Array.from({ length: settings.nodes }, (_, index) => settings.basePort + index);
  if (ports.includes(settings.port))
    throw new Error(`--port ${settings.port} is one of the nodes' ports (${ports.join(', ')})`);
  if (!settings.runDir) throw new Error('--run-dir needs a directory');
  return settings;
}

/** Creates the database of `url` when missing (MariaDB must be reachable). */
async function ensureDatabase(url: string): Promise<void> {
  const { host, port, user, password, database } = parseDatabaseUrl(url, 'DATABASE_URL').login;
  if (!/^[A-Za-z0-9_$]{1,64}$/.test(database)) throw new Error(`DATABASE_URL names no usable database: "${database}"`);
  const connection = await createConnection({ host, port, user, password, connectTimeout: 3_000 });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

/** Starts the three replicated MariaDB instances; returns the nodes' database settings. */
function startReplicatedDatabases(): Record<string, string> {
  console.log('starting MariaDB primary + 2 replicas (scripts/mariadb-cluster.sh) …');
  execFileSync('bash', ['scripts/mariadb-cluster.sh', 'start'], { stdio: 'inherit' });
  const urls = execFileSync('bash', ['scripts/mariadb-cluster.sh', 'urls']).toString();
  const env = Object.fromEntries(
    urls
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  if (!env.DATABASE_URL || !env.DATABASE_REPLICA_URLS)
    throw new Error(`scripts/mariadb-cluster.sh urls printed no URLs:\n${urls}`);
  return {
    DATABASE_URL: env.DATABASE_URL,
    DATABASE_REPLICA_URLS: env.DATABASE_REPLICA_URLS,
    DATABASE_ADMIN_USER: 'root',
    DATABASE_ADMIN_PASSWORD: '',
  };
}

async function main(): Promise<void> {
  const settings = parseArguments(process.argv.slice(2));
  const env: Record<string, string> = {
    DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL || DEFAULT_REDIS_URL,
    ADMIN_TOKEN: process.env.ADMIN_TOKEN || randomBytes(18).toString('base64url'),
    PUBLIC_URL: `http://localhost:${settings.port}`,
  };
  const local = env.DATABASE_URL === DEFAULT_DATABASE_URL && env.REDIS_URL === DEFAULT_REDIS_URL;
  findNginx();
  if (settings.build) {
    console.log('building (npm run build) …');
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  }
  if (settings.replicated) Object.assign(env, startReplicatedDatabases());
  const databaseError = settings.replicated
    ? undefined
    : await ensureDatabase(env.DATABASE_URL).then(
        () => undefined,
        (error: Error) => error.message,
      );
  const redisUp = await redisReachable(env.REDIS_URL);
  if (databaseError || !redisUp) {
    if (!local)
      throw new Error(
        databaseError
          ? `the database is not reachable: ${databaseError}`
          : `Redis is not reachable at ${env.REDIS_URL}`,
      );
    console.log('starting MariaDB and Redis (scripts/ensure-services.sh) …');
    execFileSync('bash', ['scripts/ensure-services.sh'], { stdio: 'inherit' });
    if (!settings.replicated) await ensureDatabase(env.DATABASE_URL);
  }

  const runDir = resolve(settings.runDir);
  console.log(`starting ${settings.nodes} nodes, the worker and nginx (${settings.balance}); run directory ${runDir}`);
  const runner = await ClusterRunner.start({
    nodes: settings.nodes,
    basePort: settings.basePort,
    proxyPort: settings.port,
    balance: settings.balance,
    weights: settings.weights,
    runDir,
    entry: 'dist',
    env,
    worker: true,
    restartDelayMs: 1_000,
    onLine: settings.quiet ? undefined : (line) => console.log(line),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the cluster …`);
    runner.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const nodes = runner
    .nodeIds()
    .map((id) => `node ${id} ${runner.nodeUrl(id)}`)
    .join(', ');
  console.log(
    [
      '',
      `Marquee cluster is up: http://localhost:${settings.port}  (API http://localhost:${settings.port}/api, status /api/cluster, monitor /admin/system)`,
      `  ${nodes}; nginx ${settings.balance}; logs in ${runDir}/logs`,
      `  admin token: ${env.ADMIN_TOKEN}`,
      '  a crashed node is restarted; Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
