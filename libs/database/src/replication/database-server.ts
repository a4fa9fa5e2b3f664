/** Where one database server listens, as the configuration names it (`DATABASE_URL`, `DATABASE_REPLICA_URLS`). */
export interface ServerAddress {
  host: string;
  port: number;
}

/** A login on a server (the app's, the admin's, or replication's). */
export interface Credentials {
  user: string;
  password: string;
}

/** `host:port`, the key a server goes by in logs, `cluster_meta` and the status. */
export function serverKey(server: ServerAddress): string {
  return `${server.host}:${server.port}`;
}

/** True when both name the same host and port. */
export function sameServer(a: ServerAddress | null | undefined, b: ServerAddress | null | undefined): boolean {
  return !!a && !!b && a.host === b.host && a.port === b.port;
}

/** The parts of a `mysql://` / `mariadb://` URL the replication code needs. */
export interface ParsedDatabaseUrl extends ServerAddress, Credentials {
  database: string;
}

/**
 * Splits a `mysql://user:password@host:port/database` URL (port 3306 when absent; user and
 * password URL-decoded). @throws Error when it has no database name.
 */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`database URL ${parsed.host} names no database`);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** The same URL pointed at another host and port (the node-local primary endpoint). */
export function withAddress(url: string, address: ServerAddress): string {
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  parsed.hostname = address.host;
  parsed.port = String(address.port);
  return parsed.toString();
}
