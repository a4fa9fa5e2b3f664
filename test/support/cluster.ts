import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterRunner, ClusterRunnerOptions, findNginx } from '../../scripts/cluster/cluster-runner';
import { portFree, spawnProcess, waitForHttp } from '../../scripts/support/processes';
import { BalanceMode, renderNginxConfig } from '../../scripts/cluster/nginx-config';
import { TEST_MYSQL_URL, TEST_REDIS_URL } from './env';
import { TEST_ADMIN_TOKEN } from './test-app';
import type { ClusterStatus } from '@app/cluster';

/** Fast cluster timings for tests (ms): suspicion after 1.5 s (adapting within 1–3 s). */
export const TEST_TIMINGS = {
  HEARTBEAT_INTERVAL_MS: 200,
  FAILURE_TIMEOUT_MS: 1_500,
  FAILURE_TIMEOUT_MIN_MS: 1_000,
  FAILURE_TIMEOUT_MAX_MS: 3_000,
  ELECTION_ANSWER_TIMEOUT_MS: 500,
  CLUSTER_MESSAGE_TIMEOUT_MS: 500,
};

export const ADMIN = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/**
 * `count + 1` consecutive free loopback ports (nodes, then nginx); returns the first. Drawn from
 * below the kernel's ephemeral range (`ip_local_port_range`, 32768–60999 by default): a port
 * in that range can be taken as the source port of any outgoing connection (to MariaDB, Redis…)
 * in the seconds between this check and the node's listen, which failed runs with EADDRINUSE.
 */
export async function freePortRange(count: number): Promise<number> {
  const ephemeralLow = ephemeralPortsFrom();
  const low = 10_000;
  const span = Math.max(1, ephemeralLow - low - count - 1);
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = low + Math.floor(Math.random() * span);
    const ports = Array.from({ length: count + 1 }, (_, index) => base + index);
    if ((await Promise.all(ports.map((port) => portFree(port)))).every(Boolean)) return base;
  }
  throw new Error('found no free port range');
}

/** The first port of the kernel's ephemeral range (Linux), 32768 where it cannot be read. */
function ephemeralPortsFrom(): number {
  try {
    const first = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(first) && first > 12_000 ? first : 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * A cluster of real API processes (ts-node) on loopback ports against the test MariaDB and
 * Redis, with fast timings; nginx in front unless `proxy: false`. `options` override the rest.
 */
export async function startTestCluster(
  options: Partial<ClusterRunnerOptions> & { nodes: number; proxy?: boolean; env?: Record<string, string> },
): Promise<ClusterRunner> {
  const base = await freePortRange(options.nodes);
  const { proxy = true, env, ...rest } = options;
  return ClusterRunner.start({
    basePort: base,
    proxyPort: proxy ? base + options.nodes : undefined,
    runDir: mkdtempSync(join(tmpdir(), 'marquee-cluster-')),
    entry: 'ts',
    readyTimeoutMs: 90_000,
    ...rest,
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: TEST_MYSQL_URL,
      DATABASE_POOL_SIZE: '8',
      REDIS_URL: TEST_REDIS_URL,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      SEED_ON_EMPTY: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // Leader-only work would sweep every test file's lapsed holds in the shared database.
      HOLD_SWEEP_INTERVAL_SECONDS: '86400',
      CATALOG_REFRESH_HOURS: '0',
      LOG_LEVEL: 'log',
      ...Object.fromEntries(Object.entries(TEST_TIMINGS).map(([key, value]) => [key, String(value)])),
      ...env,
    },
  });
}

/** `GET /api/cluster` of one node, or undefined when it does not answer. */
export async function clusterStatus(url: string): Promise<ClusterStatusBody | undefined> {
  try {
    const response = await fetch(`${url}/api/cluster`, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? ((await response.json()) as ClusterStatusBody) : undefined;
  } catch {
    return undefined;
  }
}

/** `GET /api/cluster` as a node answers it (the type the node itself declares). */
export type ClusterStatusBody = ClusterStatus;

/**
 * The leader and term when every node in `ids` answers, is idle, names the same leader in the
 * same term and sees the other listed nodes up; undefined otherwise.
 */
export async function agreement(
  runner: ClusterRunner,
  ids: number[],
): Promise<{ leader: number; term: number } | undefined> {
  const statuses = await Promise.all(ids.map((id) => clusterStatus(runner.nodeUrl(id))));
  if (statuses.some((status) => !status || status.phase !== 'idle' || status.leader === null)) return undefined;
  const [first] = statuses as ClusterStatusBody[];
  const agreed = (statuses as ClusterStatusBody[]).every(
    (status) =>
      status.leader === first.leader &&
      status.term === first.term &&
      ids.every((id) => status.nodes.find((node) => node.id === id)?.up),
  );
  return agreed ? { leader: first.leader!, term: first.term } : undefined;
}

/** An extra nginx in front of a test cluster, e.g. in another balancing mode. */
export interface ExtraNginx {
  url: string;
  stop(): Promise<void>;
}

/** Starts nginx on a free port in front of `runner`'s nodes with `mode` (and weights); waits until it serves. */
export async function startExtraNginx(
  runner: ClusterRunner,
  mode: BalanceMode,
  weights?: number[],
): Promise<ExtraNginx> {
  const port = await freePortRange(0);
  const runDir = mkdtempSync(join(tmpdir(), 'marquee-nginx-'));
  mkdirSync(join(runDir, 'logs'));
  mkdirSync(join(runDir, 'nginx-temp'));
  chmodSync(runDir, 0o755);
  const config = renderNginxConfig({
    runDir,
    listen: `127.0.0.1:${port}`,
    mode,
    nodes: runner.nodeIds().map((id) => ({ host: runner.host, port: runner.port(id), weight: weights?.[id - 1] })),
  });
  writeFileSync(join(runDir, 'nginx.conf'), config);
  const child = spawnProcess(['-p', runDir, '-c', join(runDir, 'nginx.conf'), '-g', 'daemon off;'], {}, findNginx());
  const url = `http://127.0.0.1:${port}`;
  const stop = () => child.stop();
  try {
    await waitForHttp(child, `${url}/api/health`, `nginx (${mode})`, 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
