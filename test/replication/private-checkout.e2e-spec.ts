import { existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MariadbCluster } from '../support/mariadb-cluster';
import { eventually } from '../support/processes';

/**
 * A checkout under a directory the mysql user cannot enter (a 0700 home or temp directory), as a new
 * user tries it: run as root, mariadbd drops to mysql and could not reach its data
 * (mariadb-install-db's bug-report banner). The instances then live under /var/tmp, linked from the
 * run directory, and `destroy` removes both.
 */
const asRoot = process.getuid?.() === 0;
(asRoot ? describe : describe.skip)('the MariaDB cluster from a checkout the mysql user cannot enter', () => {
  it('starts, replicates and is removed without a trace', async () => {
    const home = mkdtempSync(join(tmpdir(), 'marquee-private-home-'));
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const runDir = join(home, 'checkout', 'data', 'mariadb-cluster');
    let cluster: MariadbCluster | undefined;
    try {
      cluster = await MariadbCluster.start([3329, 3330, 3331], 'marquee_private', runDir);
      expect(lstatSync(runDir).isSymbolicLink()).toBe(true);
      const real = readlinkSync(runDir);
      expect(real).toMatch(/^\/var\/tmp\/marquee-mariadb-cluster-/);

      await cluster.sql(1, 'CREATE TABLE marquee_private.probe (id INT PRIMARY KEY)');
      await cluster.sql(1, 'INSERT INTO marquee_private.probe VALUES (1)');
      const replicated = cluster;
      await eventually(
        async () =>
          // The table itself may not have reached the replica yet.
          Number(await replicated.value(2, 'SELECT COUNT(*) FROM marquee_private.probe').catch(() => 0)) === 1,
        10_000,
        'the row on replica 2',
      );

      await cluster.destroy();
      cluster = undefined;
      expect(existsSync(real)).toBe(false);
      expect(existsSync(runDir)).toBe(false);
    } finally {
      await cluster?.destroy();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
