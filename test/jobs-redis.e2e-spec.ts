import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';
import { FAKE_TMDB_API_KEY, FakeTmdbServer } from './support/fake-tmdb-server';
import { seatedShow } from './support/booking-fixtures';
import { TEST_MYSQL_URL, TEST_REDIS_URL } from './support/env';
import { Child, eventually, startWorker } from './support/processes';
import { SmtpSink } from './support/smtp-sink';

/** Jobs on Redis: the API enqueues into BullMQ, a separate worker process runs them. */
describe('Redis-backed jobs with a worker process', () => {
  let env: Record<string, string>;
  let app: TestApp;
  let worker: Child;
  let fake: FakeTmdbServer;
  let sink: SmtpSink;

  beforeAll(async () => {
    fake = await FakeTmdbServer.start({ idOffset: 1_400_000_000 });
    sink = await SmtpSink.start();
    env = {
      SMTP_URL: sink.url,
      REDIS_URL: TEST_REDIS_URL,
      HOLD_TTL_SECONDS: '1',
      TMDB_BASE_URL: fake.url,
      TMDB_API_KEY: FAKE_TMDB_API_KEY,
    };
    app = await createTestApp('mysql', env);
    worker = await startWorker({ ...env, DATABASE_URL: TEST_MYSQL_URL, SEED_ON_EMPTY: 'false', NODE_ID: '90' });
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await fake?.close();
    await sink?.close();
  });

  it('sends the booking e-mail from the worker (BullMQ mail queue), not the API node', async () => {
    const { show, byLabel } = await seatedShow(app);
    const http = request(app.app.getHttpServer());
    const booked = await http
      .post('/api/bookings')
      .send({ showId: show.id, seatIds: [byLabel('B1').id], customer: { name: 'Lin', email: 'lin@example.com' } })
      .expect(201);
    const mail = await sink.waitFor(new RegExp(booked.body.code), 30_000);
    expect(mail.parsed.attachments.filter((part) => part.contentType === 'image/png')).toHaveLength(1);
    const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const job = (await http.get(`/api/admin/jobs/mail.${booked.body.code}-booked`).set(admin).expect(200)).body;
    expect(job).toMatchObject({ state: 'completed', name: 'send-booking-mail', result: { via: 'smtp' } });
  }, 60_000);

  it('runs a catalogue import in the worker, with progress visible through the API', async () => {
    const http = request(app.app.getHttpServer());
    const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const started = await http.post('/api/admin/catalog/import').set(admin).send({ pages: 2 }).expect(202);
    expect(started.body.jobId).toMatch(/^catalog\./);
    const job = await eventually(
      async () => {
        const status = (await http.get(`/api/admin/jobs/${started.body.jobId}`).set(admin).expect(200)).body;
        return status.state === 'completed' || status.state === 'failed' ? status : undefined;
      },
      45_000,
      'the import job finishing',
    );
    expect(job).toMatchObject({ state: 'completed', progress: { done: 40, total: 40 } });
    const [{ imported }] = await app
      .get(DataSource)
      .query('SELECT COUNT(*) AS imported FROM movie WHERE tmdb_id BETWEEN 1400000000 AND 1499999999');
    expect(Number(imported)).toBe(37);
  }, 60_000);

  it('tidies a lapsed hold through the delayed ExpireHold job', async () => {
    const { show, byLabel } = await seatedShow(app);
    const http = request(app.app.getHttpServer());
    const hold = await http
      .post(`/api/shows/${show.id}/holds`)
      .send({ seatIds: [byLabel('A1').id, byLabel('A2').id], customer: { name: 'Lin', email: 'lin@example.com' } })
      .expect(201);
    const dataSource = app.get(DataSource);
    const stored = async () => {
      const [row] = await dataSource.query('SELECT state FROM hold WHERE id = ?', [hold.body.holdId]);
      const [{ held }] = await dataSource.query(
        "SELECT COUNT(*) AS held FROM show_seat WHERE hold_id = ? AND state = 'held'",
        [hold.body.holdId],
      );
      return row.state === 'expired' && Number(held) === 0;
    };
    expect(await stored()).toBe(false);
    await eventually(stored, 45_000, 'the worker expiring the hold').catch((error) => {
      throw new Error(`${error.message}\nworker output:\n${worker.output()}`);
    });
    expect((await http.get(`/api/holds/${hold.body.holdId}`).expect(200)).body.state).toBe('expired');
  }, 60_000);
});
