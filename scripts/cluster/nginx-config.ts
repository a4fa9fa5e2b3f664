import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How nginx spreads requests over the nodes. */
export type BalanceMode = 'round-robin' | 'least_conn' | 'weighted';
export const BALANCE_MODES: BalanceMode[] = ['round-robin', 'least_conn', 'weighted'];

/** One upstream node. */
export interface UpstreamNode {
  host: string;
  port: number;
  /** Share of requests in `weighted` mode (default 1). */
  weight?: number;
}

/** What the local nginx configuration needs. */
export interface NginxSettings {
  /** Absolute run directory: pid, logs and temp files go there. */
  runDir: string;
  /** `host:port` nginx listens on. */
  listen: string;
  mode: BalanceMode;
  nodes: UpstreamNode[];
  /** max_fails=3 within this many seconds takes a node out for as long (default 10). */
  failTimeoutSeconds?: number;
}

const NGINX_DIR = join(__dirname, '..', '..', 'nginx');

/** The `upstream marquee_api { … }` block for `settings`. */
export function renderUpstream(settings: Pick<NginxSettings, 'mode' | 'nodes' | 'failTimeoutSeconds'>): string {
  const failTimeout = settings.failTimeoutSeconds ?? 10;
  const lines = ['    upstream marquee_api {'];
  if (settings.mode === 'least_conn') lines.push('        least_conn;');
  lines.push('        zone marquee_api 64k;');
  for (const node of settings.nodes) {
    const weight = settings.mode === 'weighted' ? ` weight=${node.weight ?? 1}` : '';
    lines.push(`        server ${node.host}:${node.port}${weight} max_fails=3 fail_timeout=${failTimeout}s;`);
  }
  lines.push('        keepalive 32;', '    }');
  return lines.join('\n');
}

/**
 * The whole nginx.conf of a local cluster, from nginx/local.conf.template and the shared
 * nginx/proxy.conf (included by absolute path).
 * @throws Error when there are no nodes or a weight is not a positive integer.
 */
export function renderNginxConfig(settings: NginxSettings): string {
  if (!settings.nodes.length) throw new Error('nginx needs at least one node');
  for (const node of settings.nodes) {
    if (node.weight !== undefined && !(Number.isInteger(node.weight) && node.weight >= 1 && node.weight <= 100)) {
      throw new Error(`weight ${node.weight} of ${node.host}:${node.port} is not an integer from 1 to 100`);
    }
  }
  const values: Record<string, string> = {
    RUN_DIR: settings.runDir,
    LISTEN: settings.listen,
    UPSTREAM: renderUpstream(settings),
    PROXY_CONF: join(NGINX_DIR, 'proxy.conf'),
  };
  return readFileSync(join(NGINX_DIR, 'local.conf.template'), 'utf8').replace(
    /\{\{([A-Z_]+)\}\}/g,
    (_, name: string) => {
      if (!(name in values)) throw new Error(`nginx/local.conf.template: unknown placeholder {{${name}}}`);
      return values[name];
    },
  );
}
