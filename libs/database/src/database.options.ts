import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions, MixedList } from 'typeorm';
import { MYSQL_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';
import { DatabaseLogin, DatabaseTopology } from './database-topology';
import { ServerAddress } from './replication/database-server';

/** How long a replica that failed to connect is left out of the read pool before it is tried again (ms). */
export const REPLICA_RETRY_AFTER_MS = 1_000;

/** The entity classes a DataSource maps (listed explicitly: bundles cannot glob). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function>;

/**
 * Builds TypeORM options for `topology`: MySQL/MariaDB through mysql2, else SQLite
 * (better-sqlite3, WAL) in a file whose folder is created. With replicas, writes go to
 * `writeAddress` (the node-local primary endpoint, see PrimaryEndpoint) with the primary's login,
 * and reads on request (DatabaseService.read) to the replicas. `synchronize` is always off; the
 * driver's own migration set is listed (see migrations/).
 */
export function databaseOptions(
  topology: DatabaseTopology,
  entities: EntityList,
  writeAddress?: ServerAddress,
): DataSourceOptions {
  const primary = topology.primary;
  if (primary) {
    const replicated = topology.replicated && writeAddress;
    return {
      // `mariadb://` selects TypeORM's MariaDB dialect (it reads MariaDB's schema metadata right,
      // e.g. nullable columns' defaults); `mysql://` the MySQL one. Both use mysql2.
      type: topology.dialect === 'mariadb' ? 'mariadb' : 'mysql',
      ...(replicated
        ? {
            replication: {
              master: connectionOf({ ...primary, ...writeAddress }),
              slaves: topology.replicas.map(connectionOf),
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
        : connectionOf(primary)),
      entities,
      migrations: MYSQL_MIGRATIONS,
      migrationsTransactionMode: 'each',
      synchronize: false,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      poolSize: topology.poolSize,
      extra: { connectionLimit: topology.poolSize, enableKeepAlive: true, connectTimeout: 5_000 },
      supportBigNumbers: true,
      bigNumberStrings: true,
    };
  }
  const file = topology.sqlitePath;
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

/** TypeORM's connection fields for one server and login. */
function connectionOf(login: DatabaseLogin) {
  return {
    host: login.host,
    port: login.port,
    username: login.user,
    password: login.password,
    database: login.database,
  };
}
