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
