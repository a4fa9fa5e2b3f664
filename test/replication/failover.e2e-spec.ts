import request, { Response } from 'supertest';
import { RowDataPacket } from 'mysql2/promise';
import { DatabaseService, PrimaryEndpoint } from '@app/database';
import { PrimaryFailover } from '@app/failover';
import { createTestApp, TestApp } from '../support/test-app';
import { seatedShow, SeatedShow } from '../support/booking-fixtures';
import { Instance, MariadbCluster } from '../support/mariadb-cluster';
import { eventually } from '../support/processes';

/**
 * Primary failover on real MariaDB instances (scripts/mariadb-cluster.sh, ports 3320-3322),
 * driven through PrimaryFailover the way the cluster leader drives it, with three app nodes in
 * this process: `leader` runs the failover, `follower` is never told (it must find the new primary
 * itself), `straggler` stays idle through the failover and wakes up against the returned, fenced
 * old primary.
 */
describe('primary failover (MariaDB primary + 2 replicas)', () => {
  let cluster: MariadbCluster;
  let leader: TestApp;
  let follower: TestApp;
  let straggler: TestApp;
  let fixture: SeatedShow;
  const customer = { name: 'Barbara Liskov', email: 'barbara@example.com' };
  const db = 'marquee_failover';

  beforeAll(async () => {
    cluster = await MariadbCluster.start([3320, 3321, 3322], db);
    // No periodic epoch polling: the follower and the straggler must learn the new primary the
    // hard way (a failed write), which is what the fence is for.
    const env = (nodeId: number) =>
      cluster.appEnv({
        NODE_ID: String(nodeId),
        DATABASE_FAILOVER: 'off',
        DATABASE_FAILOVER_TIMEOUT_MS: '500',
        DATABASE_EPOCH_POLL_MS: '0',
      });
    leader = await createTestApp('mysql', env(1));
    follower = await createTestApp('mysql', env(2));
    straggler = await createTestApp('mysql', env(3));
    fixture = await seatedShow(leader, { layout: ['ssssssssss', 'ssssssssss', 'ssssssssss', 'ssssssssss'] });
  }, 120_000);

  afterAll(async () => {
    for (const app of [leader, follower, straggler]) await app?.close();
    await cluster?.destroy();
  }, 60_000);

  const http = (app: TestApp) => request(app.app.getHttpServer());
  const gtid = (instance: Instance) => cluster.value(instance, 'SELECT @@global.gtid_current_pos');
  const count = async (instance: Instance, where: string, values: unknown[]) =>
    Number(await cluster.value(instance, `SELECT COUNT(*) FROM ${db}.booking WHERE ${where}`, values));
  /** A digest of the seat inventory and bookings: equal on two servers means the same rows. */
  const digest = (instance: Instance) =>
    cluster.value(
      instance,
      `SELECT CONCAT((SELECT COUNT(*) FROM ${db}.show_seat), ':', (SELECT COALESCE(SUM(CRC32(CONCAT_WS(',', id, state, COALESCE(booking_id, 0), COALESCE(hold_id, '')))), 0) FROM ${db}.show_seat),
        ':', (SELECT COUNT(*) FROM ${db}.booking), ':', (SELECT COALESCE(SUM(CRC32(CONCAT_WS(',', id, code, state))), 0) FROM ${db}.booking))`,
    );
  const converged = async (a: Instance, b: Instance) => {
    try {
      await eventually(
        async () => (await gtid(a)) === (await gtid(b)) && (await digest(a)) === (await digest(b)),
        15_000,
        `instances ${a} and ${b} converging`,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${await cluster.status()}`);
    }
  };
  const book = (app: TestApp, seats: number, key?: string) => {
    const post = http(app).post('/api/bookings');
    if (key) post.set('Idempotency-Key', key);
    return post.send({ showId: fixture.show.id, count: seats, customer });
  };

  it('promotes the replica that received the most, once it has applied its relay log; the other replica follows it', async () => {
    // Replica 2 stops receiving; replica 3 receives (and acknowledges) but does not apply.
    await cluster.sql(2, 'STOP SLAVE IO_THREAD');
    await cluster.sql(3, 'STOP SLAVE SQL_THREAD');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await book(leader, 2).expect(201)).body.code);
    for (const code of codes) {
      expect(await count(3, 'code = ?', [code])).toBe(0);
      expect(await count(2, 'code = ?', [code])).toBe(0);
    }

    await cluster.kill(1);
    const failover = leader.get(PrimaryFailover);
    const check = await eventually(
      async () => {
        const seen = await failover.checkPrimary();
        return seen.shouldFailover && seen;
      },
      5_000,
      'the primary counted as failed',
    );
    expect(check).toMatchObject({ up: false, epoch: 0, primary: { port: cluster.port(1) } });

    const result = await failover.failover({ reason: 'test: primary killed', leaderNodeId: 1 });
    expect(result).toMatchObject({
      changed: true,
      epoch: 1,
      primary: { port: cluster.port(3) },
      previous: { port: cluster.port(1) },
      repointed: [`127.0.0.1:${cluster.port(2)}`],
      unreachable: [`127.0.0.1:${cluster.port(1)}`],
    });
    // Every booking that was answered 201 is on the new primary, and on the other replica too.
    for (const code of codes) expect(await count(3, 'code = ?', [code])).toBe(1);
    await converged(2, 3);
    for (const code of codes) expect(await count(2, 'code = ?', [code])).toBe(1);
    expect(await cluster.value(3, 'SELECT @@global.read_only')).toBe(0);
    expect(await cluster.value(2, 'SELECT @@global.read_only')).toBe(1);
    expect(Number(await cluster.value(3, `SELECT epoch FROM ${db}.cluster_meta WHERE id = 1`))).toBe(1);
    // The leader's own writes switched with the promotion.
    expect(leader.get(DatabaseService)).toMatchObject({ epoch: 1, primary: { port: cluster.port(3) } });
    expect((await book(leader, 1).expect(201)).body.nodeId).toBe(1);
  }, 60_000);

  it('a node that was not told finds the new primary itself; its retries with one Idempotency-Key book once', async () => {
    const key = `failover-retry-${Date.now()}`;
    const answers: Response[] = [];
    await eventually(
      async () => {
        const response = await book(follower, 2, key);
        answers.push(response);
        return response.status === 201;
      },
      10_000,
      'a booking through the node that was not told',
    );
    for (const failed of answers.slice(0, -1)) expect(failed.body).toMatchObject({ error: 'DATABASE_UNAVAILABLE' });
    const again = await book(follower, 2, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(follower.get(DatabaseService)).toMatchObject({ epoch: 1, primary: { port: cluster.port(3) } });
    expect(await count(3, 'idempotency_key = ?', [key])).toBe(1);
  });

  it('refuses the writes of a node whose epoch is not the one the primary holds', async () => {
    // The primary now names a server this node does not know: it cannot follow, so it must not write.
    await cluster.sql(3, `UPDATE ${db}.cluster_meta SET epoch = 7, primary_host = 'elsewhere.invalid' WHERE id = 1`);
    const before = await count(3, '1 = 1', []);
    try {
      const refused = await book(follower, 1).expect(503);
      expect(refused.body).toMatchObject({ error: 'DATABASE_UNAVAILABLE' });
      expect(refused.body.message).toMatch(/epoch 1, the server is at 7/);
      expect(await count(3, '1 = 1', [])).toBe(before);
    } finally {
      await cluster.sql(3, `UPDATE ${db}.cluster_meta SET epoch = 1, primary_host = '127.0.0.1' WHERE id = 1`);
    }
    await book(follower, 1).expect(201);
  });

  it('fences the returning old primary: a node still pointing at it writes nothing there, then it rejoins as a replica', async () => {
    await cluster.startInstance(1);
    expect(await cluster.value(1, 'SELECT @@global.read_only')).toBe(1);
    const oldPosition = await gtid(1);

    // The straggler slept through the failover: its write path still leads to instance 1.
    expect(straggler.get(DatabaseService)).toMatchObject({ epoch: 0, primary: { port: cluster.port(1) } });
    const booking = await book(straggler, 1).expect(201);
    expect(straggler.get(DatabaseService)).toMatchObject({ epoch: 1, primary: { port: cluster.port(3) } });
    expect(await count(3, 'code = ?', [booking.body.code])).toBe(1);
    expect(await gtid(1)).toBe(oldPosition);

    const reconciled = await leader.get(PrimaryFailover).reconcile(1);
    expect(reconciled.actions).toEqual([
      `127.0.0.1:${cluster.port(1)}: rejoined as a replica of 127.0.0.1:${cluster.port(3)}`,
    ]);
    await converged(1, 3);
    const status = await leader.get(PrimaryFailover).status();
    expect(status).toMatchObject({ epoch: 1, primary: { port: cluster.port(3) } });
    expect(status.servers.map((server) => [server.port, server.role, server.readOnly])).toEqual([
      [cluster.port(1), 'replica', true],
      [cluster.port(2), 'replica', true],
      [cluster.port(3), 'primary', false],
    ]);
    expect(status.history).toHaveLength(1);
    expect(status.history[0]).toMatchObject({
      epoch: 1,
      previousPrimary: `127.0.0.1:${cluster.port(1)}`,
      newPrimary: `127.0.0.1:${cluster.port(3)}`,
      leaderNodeId: 1,
    });
    expect((await leader.get(PrimaryFailover).reconcile(1)).actions).toEqual([]);
  }, 60_000);

  it('a next leader finishes a promotion the previous one left half-done, driven by tick()', async () => {
    // The new primary dies; the previous leader had detached instance 2 and made it writable
    // when it died too (no epoch bump yet).
    await cluster.kill(3);
    await cluster.sql(2, 'STOP SLAVE');
    await cluster.sql(2, 'RESET SLAVE ALL');
    await cluster.sql(2, 'SET GLOBAL read_only = OFF');

    const nextLeader = follower.get(PrimaryFailover);
    const started = Date.now();
    const tick = await eventually(
      async () => {
        const run = await nextLeader.tick(2);
        return run.promoted && run;
      },
      10_000,
      'a promotion by tick()',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(tick.promoted).toMatchObject({
      changed: true,
      epoch: 2,
      primary: { port: cluster.port(2) },
      repointed: [`127.0.0.1:${cluster.port(1)}`],
    });
    await converged(1, 2);
    expect(follower.get(DatabaseService)).toMatchObject({ epoch: 2, primary: { port: cluster.port(2) } });
    // Nodes told by the leader (here: by hand) switch at once.
    expect(leader.get(PrimaryEndpoint).switchTo(tick.promoted!.primary, tick.promoted!.epoch)).toBe(true);
    expect(leader.get(PrimaryEndpoint).switchTo({ host: '127.0.0.1', port: cluster.port(3) }, 1)).toBe(false);
    await book(leader, 1).expect(201);

    await cluster.startInstance(3);
    await eventually(
      async () => (await nextLeader.tick(2)).reconciled?.actions.length === 1,
      10_000,
      'instance 3 rejoining',
    );
    await converged(3, 2);
    const history = (await nextLeader.status()).history;
    expect(history.map((entry) => [entry.epoch, entry.newPrimary])).toEqual([
      [2, `127.0.0.1:${cluster.port(2)}`],
      [1, `127.0.0.1:${cluster.port(3)}`],
    ]);
    const sold = await cluster.sql<RowDataPacket[]>(
      2,
      `SELECT bs.seat_id FROM ${db}.booking_seat bs JOIN ${db}.booking b ON b.id = bs.booking_id WHERE b.state = 'confirmed' GROUP BY bs.seat_id, b.show_id HAVING COUNT(*) > 1`,
    );
    expect(sold).toEqual([]);
  }, 60_000);
});
