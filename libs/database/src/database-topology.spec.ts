import { AppConfigService } from '@app/common';
import { databaseOptions } from './database.options';
import { DatabaseTopology, parseDatabaseUrl } from './database-topology';

const topologyOf = (env: Record<string, string>) => DatabaseTopology.fromConfig(AppConfigService.fromEnv(env));

describe('DatabaseTopology', () => {
  it('is SQLite without DATABASE_URL, with the file made absolute', () => {
    const topology = topologyOf({ SQLITE_PATH: 'data/x.sqlite' });
    expect(topology).toMatchObject({ dialect: 'sqlite', replicas: [], isMysql: false, replicated: false });
    expect(topology.sqlitePath).toBe(`${process.cwd()}/data/x.sqlite`);
    expect(topology.servers).toEqual([]);
    expect(topology.scope()).toBe(`sqlite:${process.cwd()}/data/x.sqlite`);
  });

  it('reads the primary, the replicas, the admin and replication logins once', () => {
    const topology = topologyOf({
      DATABASE_URL: 'mariadb://marquee:s%3Acret@db1:3307/marquee',
      DATABASE_REPLICA_URLS: 'mariadb://marquee:s%3Acret@db2:3308/marquee,mariadb://marquee:s%3Acret@[::1]/marquee',
      DATABASE_ADMIN_USER: 'admin',
      DATABASE_ADMIN_PASSWORD: 'pw',
      DATABASE_POOL_SIZE: '7',
    });
    expect(topology).toMatchObject({
      dialect: 'mariadb',
      primary: { host: 'db1', port: 3307, user: 'marquee', password: 's:cret', database: 'marquee' },
      admin: { user: 'admin', password: 'pw' },
      replication: { user: 'repl', password: 'repl' },
      poolSize: 7,
      replicated: true,
      database: 'marquee',
    });
    expect(topology.servers).toEqual([
      { host: 'db1', port: 3307 },
      { host: 'db2', port: 3308 },
      { host: '::1', port: 3306 },
    ]);
    expect(topology.scope()).toBe('db1:3307/marquee');
  });

  it('refuses a URL without a database, naming the variable', () => {
    expect(() => topologyOf({ DATABASE_URL: 'mysql://root@h:3306' })).toThrow('DATABASE_URL: h:3306 names no database');
    expect(() =>
      topologyOf({ DATABASE_URL: 'mysql://root@h/m', DATABASE_REPLICA_URLS: 'mysql://root@h2/m,mysql://root@h3' }),
    ).toThrow('DATABASE_REPLICA_URLS.1: h3 names no database');
  });

  it('splits one URL into dialect and login (URL-decoded, port 3306 by default)', () => {
    expect(parseDatabaseUrl('mariadb://us%40er:p%3Ass@db.internal/marquee')).toEqual({
      dialect: 'mariadb',
      login: { host: 'db.internal', port: 3306, user: 'us@er', password: 'p:ss', database: 'marquee' },
    });
    expect(parseDatabaseUrl('mysql://root@h:3310/m').dialect).toBe('mysql');
  });

  it('gives TypeORM the primary, or with replicas the relay address for writes and the replicas for reads', () => {
    const single = databaseOptions(DatabaseTopology.ofUrl('mysql://u:p@db1:3307/m', 3), []);
    expect(single).toMatchObject({
      type: 'mysql',
      host: 'db1',
      port: 3307,
      username: 'u',
      password: 'p',
      database: 'm',
    });
    expect(single).toMatchObject({ poolSize: 3 });
    const replicated = topologyOf({
      DATABASE_URL: 'mariadb://u:p@db1:3307/m',
      DATABASE_REPLICA_URLS: 'mariadb://r:q@db2:3308/m',
    });
    expect(databaseOptions(replicated, [], { host: '127.0.0.1', port: 40123 })).toMatchObject({
      type: 'mariadb',
      replication: {
        master: { host: '127.0.0.1', port: 40123, username: 'u', password: 'p', database: 'm' },
        slaves: [{ host: 'db2', port: 3308, username: 'r', password: 'q', database: 'm' }],
        defaultMode: 'master',
      },
    });
  });
});
