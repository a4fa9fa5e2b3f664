import { validateConfig } from '@app/common';

describe('replication configuration', () => {
  const primary = 'mariadb://marquee:marquee@127.0.0.1:3307/marquee';

  it('reads DATABASE_REPLICA_URLS as a list of MySQL/MariaDB URLs, empty by default', () => {
    expect(validateConfig({ DATABASE_URL: primary }).DATABASE_REPLICA_URLS).toEqual([]);
    const config = validateConfig({
      DATABASE_URL: primary,
      DATABASE_REPLICA_URLS: ' mariadb://a@h2:3308/marquee , mysql://a@h3/marquee ',
    });
    expect(config.DATABASE_REPLICA_URLS).toEqual(['mariadb://a@h2:3308/marquee', 'mysql://a@h3/marquee']);
    expect(config).toMatchObject({
      DATABASE_ADMIN_USER: 'root',
      DATABASE_ADMIN_PASSWORD: '',
      DATABASE_FAILOVER_TIMEOUT_MS: 3000,
      DATABASE_EPOCH_POLL_MS: 2000,
    });
  });

  it('refuses a replica that is not a MySQL/MariaDB URL, or replicas without a primary, naming the variable', () => {
    expect(() => validateConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'http://h2/marquee' })).toThrow(
      /DATABASE_REPLICA_URLS\.0: must start with mysql:\/\/ or mariadb:\/\//,
    );
    expect(() => validateConfig({ DATABASE_REPLICA_URLS: 'mysql://a@h2/marquee' })).toThrow(
      /DATABASE_REPLICA_URLS: needs DATABASE_URL/,
    );
    expect(() => validateConfig({ DATABASE_URL: primary, DATABASE_FAILOVER_TIMEOUT_MS: '50' })).toThrow(
      /DATABASE_FAILOVER_TIMEOUT_MS/,
    );
  });
});
