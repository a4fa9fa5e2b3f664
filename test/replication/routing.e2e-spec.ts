import request from 'supertest';
import { createConnection, RowDataPacket } from 'mysql2/promise';
import { DatabaseService } from '@app/database';
import { PrimaryFailover } from '@app/failover';
import { createTestApp, TestApp } from '../support/test-app';
import { seatedShow } from '../support/booking-fixtures';
import { MariadbCluster } from '../support/mariadb-cluster';
import { withMysqlScheme } from '../support/env';
import { eventually } from '../support/processes';

/**
 * Read/write routing on a real primary and two replicas (scripts/mariadb-cluster.sh, ports
 * 3317-3319): semi-sync replication, read-your-writes while the replicas lag, and booking
 * correctness against a stale seat map.
 */
describe('replication routing (MariaDB primary + 2 replicas)', () => {
  let cluster: MariadbCluster;
  let app: TestApp;
  let http: ReturnType<typeof request>;
  const customer = { name: 'Ada Lovelace', email: 'ada@example.com' };

  beforeAll(async () => {
    cluster = await MariadbCluster.start([3317, 3318, 3319], 'marquee_routing');
    app = await createTestApp('mysql', cluster.appEnv());
    http = request(app.app.getHttpServer());
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await cluster?.destroy();
  }, 60_000);

  const bookingsOn = async (instance: 1 | 2 | 3, code: string) =>
    Number(await cluster.value(instance, `SELECT COUNT(*) FROM ${cluster.database}.booking WHERE code = ?`, [code]));

  it('runs semi-synchronously (AFTER_SYNC) with two replicas, and a confirmed booking reaches both', async () => {
    expect(await cluster.value(1, 'SELECT @@global.rpl_semi_sync_master_wait_point')).toBe('AFTER_SYNC');
    expect(
      await cluster.value(
        1,
        "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'Rpl_semi_sync_master_status'",
      ),
    ).toBe('ON');
    expect(
      Number(
        await cluster.value(
          1,
          "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'Rpl_semi_sync_master_clients'",
        ),
      ),
    ).toBe(2);
    const acked = async () =>
      Number(
        await cluster.value(
          1,
          "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'Rpl_semi_sync_master_yes_tx'",
        ),
      );
    const before = await acked();

    const { show } = await seatedShow(app);
    const booking = await http.post('/api/bookings').send({ showId: show.id, count: 2, customer }).expect(201);

    expect(await acked()).toBeGreaterThan(before);
    expect(await bookingsOn(1, booking.body.code)).toBe(1);
    for (const replica of [2, 3] as const) {
      await eventually(
        async () => (await bookingsOn(replica, booking.body.code)) === 1,
        5_000,
        `booking on replica ${replica}`,
      );
    }
    // Replicas are read-only for the app's user.
    expect(await cluster.value(2, 'SELECT @@global.read_only')).toBe(1);
    const asApp = await createConnection(withMysqlScheme(cluster.url(2)));
    try {
      await expect(asApp.query('INSERT INTO cluster_meta (id, epoch) VALUES (99, 0)')).rejects.toMatchObject({
        errno: 1290,
      });
    } finally {
      await asApp.end();
    }
  });

  /** Waits until both replicas have applied everything the primary wrote. */
  const caughtUp = () =>
    eventually(
      async () => {
        const [primary, ...replicas] = await Promise.all(
          ([1, 2, 3] as const).map((instance) => cluster.value(instance, 'SELECT @@global.gtid_current_pos')),
        );
        return replicas.every((position) => position === primary);
      },
      10_000,
      "replicas at the primary's GTID position",
    );

  describe('while both replicas stop applying (SQL threads stopped)', () => {
    let fixture: Awaited<ReturnType<typeof seatedShow>>;

    beforeAll(async () => {
      fixture = await seatedShow(app);
      // The leader's heartbeat, which replicas' lag is measured by, has reached them.
      await app.get(PrimaryFailover).checkPrimary();
      await eventually(
        async () =>
          (await cluster.value(
            3,
            `SELECT COUNT(*) FROM ${cluster.database}.cluster_meta WHERE heartbeat_at IS NOT NULL`,
          )) === 1,
      );
      await caughtUp();
      for (const replica of [2, 3] as const) await cluster.sql(replica, 'STOP SLAVE SQL_THREAD');
    });
    afterAll(async () => {
      for (const replica of [2, 3] as const) await cluster.sql(replica, 'START SLAVE SQL_THREAD');
    });

    it('a customer reads their own booking at once (primary), the seat map trails (replica), and the stale map cannot oversell', async () => {
      const { show, byLabel } = fixture;
      const seatIds = [byLabel('A1').id, byLabel('A2').id];
      const booked = await http.post('/api/bookings').send({ showId: show.id, seatIds, customer }).expect(201);
      const { code } = booked.body;

      // Read-your-writes: the customer's bookings come from the primary.
      const mine = await http.get('/api/bookings').query({ email: customer.email, code }).expect(200);
      expect(mine.body.map((b: { code: string }) => b.code)).toContain(code);
      await http.get(`/api/bookings/${code}`).query({ email: customer.email }).expect(200);

      // The seat map is read from a replica that has not applied the booking: A1, A2 look free.
      const map = await http.get(`/api/shows/${show.id}/seats`).expect(200);
      const state = (label: string) => map.body.seats.find((seat: { label: string }) => seat.label === label).state;
      expect([state('A1'), state('A2')]).toEqual(['available', 'available']);
      expect(await bookingsOn(2, code)).toBe(0);

      // Booking what the stale map offers fails: the claim is a conditional UPDATE on the primary.
      const again = await http
        .post('/api/bookings')
        .send({ showId: show.id, seatIds, customer: { name: 'Eve', email: 'eve@example.com' } })
        .expect(409);
      expect(again.body).toMatchObject({ error: 'SEAT_UNAVAILABLE' });
      const soldTwice = await cluster.sql<RowDataPacket[]>(
        1,
        `SELECT seat_id FROM ${cluster.database}.booking_seat bs JOIN ${cluster.database}.booking b ON b.id = bs.booking_id
         WHERE b.show_id = ? AND b.state = 'confirmed' GROUP BY seat_id HAVING COUNT(*) > 1`,
        [show.id],
      );
      expect(soldTwice).toEqual([]);
    });

    it('shows the lag in the database status (transactions behind, lag in ms)', async () => {
      const { show } = await seatedShow(app);
      await http.post('/api/bookings').send({ showId: show.id, count: 1, customer }).expect(201);
      const failover = app.get(PrimaryFailover);
      // Each check writes a heartbeat on the primary that the stopped replicas do not apply.
      const status = await eventually(
        async () => {
          await failover.checkPrimary();
          const topology = await failover.status();
          const replicas = topology.servers.filter((server) => server.role === 'replica');
          return (
            replicas.length === 2 &&
            replicas.every((server) => (server.transactionsBehind ?? 0) > 0 && (server.lagMs ?? 0) > 0) &&
            topology
          );
        },
        10_000,
        'both replicas reported behind',
      );
      const [primary, ...replicas] = status.servers;
      expect(primary).toMatchObject({ role: 'primary', lagMs: 0, port: cluster.port(1), readOnly: false });
      for (const replica of replicas) {
        expect(replica).toMatchObject({
          role: 'replica',
          sqlThread: 'No',
          ioThread: 'Yes',
          replicatingFrom: `127.0.0.1:${cluster.port(1)}`,
        });
        expect(replica.transactionsBehind).toBeGreaterThan(0);
        expect(replica.lagMs).toBeGreaterThan(0);
        // Received into the relay log further than applied. (Not compared with the primary's
        // position: the heartbeat moves it, and with AFTER_SYNC a replica may receive a
        // transaction before the primary's gtid_current_pos shows it committed.)
        const seq = (position: string | null) => Number(position?.split('-')[2]);
        expect(seq(replica.gtidReceived)).toBeGreaterThan(seq(replica.gtid));
      }
    });
  });

  it('catches up once the replicas apply again: the seat map shows the seats booked', async () => {
    const { show, byLabel } = await seatedShow(app);
    await caughtUp();
    for (const replica of [2, 3] as const) await cluster.sql(replica, 'STOP SLAVE SQL_THREAD');
    await http
      .post('/api/bookings')
      .send({ showId: show.id, seatIds: [byLabel('B1').id], customer })
      .expect(201);
    for (const replica of [2, 3] as const) await cluster.sql(replica, 'START SLAVE SQL_THREAD');
    await eventually(
      async () => {
        const map = await http.get(`/api/shows/${show.id}/seats`).expect(200);
        return map.body.seats.find((seat: { label: string }) => seat.label === 'B1').state === 'booked';
      },
      10_000,
      'seat map showing B1 booked',
    );
    await caughtUp();
  });

  it('a node starting while every server is read-only (a first start, a restart) makes the primary writable before migrating', async () => {
    await cluster.sql(1, 'SET GLOBAL read_only = ON');
    const second = await createTestApp('mysql', cluster.appEnv({ NODE_ID: '2' }));
    try {
      expect(await cluster.value(1, 'SELECT @@global.read_only')).toBe(0);
      expect(await cluster.value(2, 'SELECT @@global.read_only')).toBe(1);
      const { show } = await seatedShow(second);
      await request(second.app.getHttpServer())
        .post('/api/bookings')
        .send({ showId: show.id, count: 1, customer })
        .expect(201);
    } finally {
      await second.close();
    }
  });

  it('reads on the primary when no replica answers; a write is never confirmed on the primary alone', async () => {
    const db = app.get(DatabaseService);
    expect(db.replicated).toBe(true);
    expect(await cluster.value(1, 'SELECT @@global.rpl_semi_sync_master_wait_no_slave')).toBe(1);
    const noTx = async () =>
      Number(
        await cluster.value(
          1,
          "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'Rpl_semi_sync_master_no_tx'",
        ),
      );
    const asyncBefore = await noTx();
    const { show, seats } = await seatedShow(app);
    // The first seat map of a new theater writes its default ticket type (libs/pricing).
    await http.get(`/api/shows/${show.id}/seats`).expect(200);
    await cluster.kill(2);
    await cluster.kill(3);
    const key = `no-replica-${Date.now()}`;
    const book = () =>
      http.post('/api/bookings').set('Idempotency-Key', key).send({ showId: show.id, count: 1, customer });
    try {
      const map = await http.get(`/api/shows/${show.id}/seats`).expect(200);
      expect(map.body.available).toBe(seats.length);

      // No replica can acknowledge: the COMMIT waits (semi-sync never falls back), and the node
      // answers 503 after DATABASE_WRITE_TIMEOUT_MS with an unknown outcome.
      const started = Date.now();
      const waited = await book().expect(503);
      expect(waited.body).toMatchObject({ error: 'DATABASE_UNAVAILABLE', atCommit: true });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await noTx()).toBe(asyncBefore);
    } finally {
      await cluster.startInstance(2);
      await cluster.startInstance(3);
    }
    // A replica is back and acknowledges the waiting COMMIT: the retry with the key finds the
    // booking, once, and it is on a replica.
    const retried = await eventually(
      async () => {
        const answer = await book();
        return answer.status === 201 && answer;
      },
      30_000,
      'the retry of the booking',
    );
    expect(retried.headers['idempotent-replayed']).toBe('true');
    await eventually(async () => (await bookingsOn(2, retried.body.code)) === 1, 15_000, 'the booking on replica 2');
    expect(await noTx()).toBe(asyncBefore);
  }, 90_000);
});
