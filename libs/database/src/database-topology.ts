import { resolve } from 'node:path';
import type { AppConfigService } from '@app/common';
import { Credentials, ServerAddress } from './replication/database-server';

/** TypeORM's dialect: the `mariadb://` or `mysql://` scheme of the URLs, or SQLite without one. */
export type DatabaseDialect = 'sqlite' | 'mysql' | 'mariadb';

/** One MySQL/MariaDB server and the app's login on it: what a `mysql://user:password@host:port/database` URL says. */
export interface DatabaseLogin extends ServerAddress, Credentials {
  database: string;
}

/** The parts of a topology; see {@link DatabaseTopology}. */
export interface DatabaseTopologyParts {
  dialect: DatabaseDialect;
  /** The SQLite file (absolute, or `:memory:`); empty for MySQL. */
  sqlitePath: string;
  /** `DATABASE_URL`: the configured primary. Unset for SQLite. */
  primary?: DatabaseLogin;
  /** `DATABASE_REPLICA_URLS`, in order. */
  replicas: DatabaseLogin[];
  /** `DATABASE_ADMIN_USER` / `_PASSWORD`: the failover's login (read_only, CHANGE MASTER …). */
  admin: Credentials;
  /** `DATABASE_REPLICATION_USER` / `_PASSWORD`: the login replicas use on their primary. */
  replication: Credentials;
  /** `DATABASE_POOL_SIZE`: connections per pool. */
  poolSize: number;
}

/**
 * The database servers and logins of this process, parsed once at boot from the configuration
 * (`DATABASE_URL`, `DATABASE_REPLICA_URLS`, `SQLITE_PATH`, the admin and replication logins) and
 * injected wherever a server, a login or the database name is needed: nothing else parses a
 * database URL.
 */
export class DatabaseTopology implements DatabaseTopologyParts {
  readonly dialect: DatabaseDialect;
  readonly sqlitePath: string;
  readonly primary?: DatabaseLogin;
  readonly replicas: DatabaseLogin[];
  readonly admin: Credentials;
  readonly replication: Credentials;
  readonly poolSize: number;

  constructor(parts: DatabaseTopologyParts) {
    this.dialect = parts.dialect;
    this.sqlitePath = parts.sqlitePath;
    this.primary = parts.primary;
    this.replicas = parts.replicas;
    this.admin = parts.admin;
    this.replication = parts.replication;
    this.poolSize = parts.poolSize;
  }

  /**
   * Reads the validated configuration. @throws Error naming the variable when a URL names no
   * database, or replicas name another dialect than the primary.
   */
  static fromConfig(config: Pick<AppConfigService, 'get'>): DatabaseTopology {
    const url = config.get('DATABASE_URL');
    const primary = url ? parseDatabaseUrl(url, 'DATABASE_URL') : undefined;
    const replicas = config
      .get('DATABASE_REPLICA_URLS')
      .map((replica, index) => parseDatabaseUrl(replica, `DATABASE_REPLICA_URLS.${index}`));
    return new DatabaseTopology({
      dialect: primary?.dialect ?? 'sqlite',
      sqlitePath: primary ? '' : sqliteFile(config.get('SQLITE_PATH')),
      primary: primary?.login,
      replicas: replicas.map((replica) => replica.login),
      admin: { user: config.get('DATABASE_ADMIN_USER'), password: config.get('DATABASE_ADMIN_PASSWORD') },
      replication: {
        user: config.get('DATABASE_REPLICATION_USER'),
        password: config.get('DATABASE_REPLICATION_PASSWORD'),
      },
      poolSize: config.get('DATABASE_POOL_SIZE'),
    });
  }

  /** One MySQL/MariaDB server, no replicas (migration scripts, test set-up). @throws Error when `url` names no database. */
  static ofUrl(url: string, poolSize = 2): DatabaseTopology {
    const { dialect, login } = parseDatabaseUrl(url, 'database URL');
    return new DatabaseTopology({
      dialect,
      sqlitePath: '',
      primary: login,
      replicas: [],
      admin: { user: login.user, password: login.password },
      replication: { user: login.user, password: login.password },
      poolSize,
    });
  }

  /** True for the MySQL and MariaDB dialects. */
  get isMysql(): boolean {
    return this.dialect !== 'sqlite';
  }

  /** True when replicas are configured: reads may go to them, writes go through the primary endpoint. */
  get replicated(): boolean {
    return !!this.primary && this.replicas.length > 0;
  }

  /** The configured servers, the primary first (empty for SQLite). */
  get servers(): ServerAddress[] {
    return [this.primary, ...this.replicas]
      .filter((login): login is DatabaseLogin => !!login)
      .map(({ host, port }) => ({ host, port }));
  }

  /** The app database's name on every server ('' for SQLite). */
  get database(): string {
    return this.primary?.database ?? '';
  }

  /** The database this process writes to, without credentials: `host:port/name`, or `sqlite:<file>`. */
  scope(): string {
    return this.primary
      ? `${this.primary.host}:${this.primary.port}/${this.primary.database}`
      : `sqlite:${this.sqlitePath}`;
  }
}

/**
 * Splits a `mysql://user:password@host:port/database` URL (or `mariadb://`: TypeORM's MariaDB
 * dialect) into its dialect and login: port 3306 when absent, user and password URL-decoded, IPv6
 * brackets dropped. @throws Error naming `variable` when it has no database name.
 */
export function parseDatabaseUrl(
  url: string,
  variable = 'database URL',
): { dialect: 'mysql' | 'mariadb'; login: DatabaseLogin } {
  const dialect = url.startsWith('mariadb:') ? 'mariadb' : 'mysql';
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`${variable}: ${parsed.host} names no database`);
  return {
    dialect,
    login: {
      host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(parsed.port || 3306),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database,
    },
  };
}

function sqliteFile(path: string): string {
  return path === ':memory:' ? path : resolve(path);
}
