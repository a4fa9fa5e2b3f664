import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSourceOptions, MixedList } from 'typeorm';
import { MYSQL_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

/** What a DataSource needs from the configuration. */
export interface DatabaseSettings {
  /** `mysql://user:password@host:port/database`; unset: SQLite at `sqlitePath`. */
  databaseUrl?: string;
  sqlitePath: string;
  poolSize: number;
  /**
   * Read/write split (MySQL only): writes to `writeUrl` (the node-local primary endpoint, see
   * PrimaryEndpoint), reads on request (DatabaseService.read) from `replicaUrls`.
   */
  replication?: { writeUrl: string; replicaUrls: string[] };
}

/** How long a replica that failed to connect is left out of the read pool before it is tried again (ms). */
export const REPLICA_RETRY_AFTER_MS = 1_000;

/** The entity classes a DataSource maps (listed explicitly: bundles cannot glob). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function>;

/**
 * Builds TypeORM options: MySQL/MariaDB through mysql2 when `databaseUrl` is set, else SQLite
 * (better-sqlite3, WAL) in a file whose folder is created. `synchronize` is always off; the
 * driver's own migration set is listed (see migrations/).
 */
export function databaseOptions(settings: DatabaseSettings, entities: EntityList): DataSourceOptions {
  if (settings.databaseUrl) {
    const mysqlUrl = (url: string) => url.replace(/^mariadb:/, 'mysql:');
    const replication = settings.replication;
    return {
      // `mariadb://` selects TypeORM's MariaDB dialect (it reads MariaDB's schema metadata right,
      // e.g. nullable columns' defaults); `mysql://` the MySQL one. Both use mysql2.
      type: settings.databaseUrl.startsWith('mariadb:') ? 'mariadb' : 'mysql',
      ...(replication
        ? {
            replication: {
              master: { url: mysqlUrl(replication.writeUrl) },
              slaves: replication.replicaUrls.map((url) => ({ url: mysqlUrl(url) })),
              // TypeORM sends plain find*/getMany to a replica by default; here everything goes to
              // the primary unless the caller asks for a replica (DatabaseService.read), so no
              // read-after-write is stale by accident.
              defaultMode: 'master' as const,
              selector: 'RR' as const,
              canRetry: true,
              // mysql2's pool cluster drops a node (a replica, or the write endpoint while the
              // primary is down) for good after failed connects unless restoreNodeTimeout is set;
              // with it the node is only left out for a second, then tried again.
              removeNodeErrorCount: 3,
              restoreNodeTimeout: REPLICA_RETRY_AFTER_MS,
            },
          }
        : { url: mysqlUrl(settings.databaseUrl) }),
      entities,
      migrations: MYSQL_MIGRATIONS,
      migrationsTransactionMode: 'each',
      synchronize: false,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      poolSize: settings.poolSize,
      extra: { connectionLimit: settings.poolSize, enableKeepAlive: true, connectTimeout: 5_000 },
      supportBigNumbers: true,
      bigNumberStrings: true,
    };
  }
  const file = settings.sqlitePath === ':memory:' ? ':memory:' : resolve(settings.sqlitePath);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: file,
    entities,
    migrations: SQLITE_MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    enableWAL: true,
    statementCacheSize: 200,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = FULL');
    },
  };
}

/** True for the MySQL and MariaDB dialects. */
export function isMysqlFamily(options: DataSourceOptions): boolean {
  return options.type === 'mysql' || options.type === 'mariadb';
}
