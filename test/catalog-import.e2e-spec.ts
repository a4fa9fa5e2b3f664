import request from 'supertest';
import { DataSource, Between } from 'typeorm';
import { Movie } from '@app/catalog';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';
import { DRIVERS } from './support/env';
import { FAKE_TMDB_API_KEY, FakeTmdbServer } from './support/fake-tmdb-server';

const ID_OFFSETS = { mysql: 1_200_000_000, sqlite: 1_300_000_000 };
const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

interface JobBody {
  id: string;
  name: string;
  state: string;
  progress: { done: number; total: number };
  result?: Record<string, unknown>;
  error?: string;
}

/** Polls `GET /api/admin/jobs/:id` until the job is completed or failed, for at most `deadlineMs`. */
async function finished(app: TestApp, jobId: string, deadlineMs = 15_000): Promise<JobBody> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const response = await request(app.app.getHttpServer()).get(`/api/admin/jobs/${jobId}`).set(admin).expect(200);
    const job = response.body as JobBody;
    if (job.state === 'completed' || job.state === 'failed') return job;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} still ${job.state} after ${deadlineMs} ms: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(DRIVERS)('admin catalogue import over HTTP on %s', (driver) => {
  let fake: FakeTmdbServer;
  let app: TestApp;
  const http = () => request(app.app.getHttpServer());

  beforeAll(async () => {
    fake = await FakeTmdbServer.start({ idOffset: ID_OFFSETS[driver] });
    app = await createTestApp(driver, {
      TMDB_BASE_URL: fake.url,
      TMDB_API_KEY: FAKE_TMDB_API_KEY,
      TMDB_TIMEOUT_MS: '500',
      TMDB_MAX_RETRIES: '1',
    });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('imports through POST /api/admin/catalog/import and a polled job', async () => {
    const started = await http().post('/api/admin/catalog/import').set(admin).send({ pages: 2 }).expect(202);
    expect(started.body).toEqual({ jobId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const again = await http().post('/api/admin/catalog/import').set(admin).send({}).expect(202);
    expect(again.body.jobId).toBe(started.body.jobId); // the pending import, not a second one

    const job = await finished(app, started.body.jobId);

    expect(job).toMatchObject({ id: started.body.jobId, name: 'import-catalog', state: 'completed' });
    expect(job.result).toMatchObject({ pages: 2, created: 37, updated: 0, skipped: 0, total: 37 });
    expect(job.progress).toEqual({ done: 40, total: 40 });
    const stored = await app
      .get(DataSource)
      .getRepository(Movie)
      .countBy({ tmdbId: Between(fake.id(0), fake.id(99_999_999)) });
    expect(stored).toBe(37);
    expect(fake.count('/genre/movie/list')).toBe(1);
  });

  it('starts a new job once the last one finished, and reports a failure with its message', async () => {
    fake.fault('/movie/now_playing?page=1', { kind: 'unauthorized' });
    const started = await http().post('/api/admin/catalog/import').set(admin).send({ pages: 1 }).expect(202);
    const job = await finished(app, started.body.jobId);
    expect(job).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/^TMDB rejected the credentials \(401\)/),
    });
    expect(job.result).toBeUndefined();
  });

  it.each([
    ['no token', {}, 401, 'UNAUTHORIZED'],
    ['a wrong token', { Authorization: 'Bearer wrong-token-wrong-token' }, 403, 'FORBIDDEN'],
    ['another scheme', { Authorization: `Basic ${TEST_ADMIN_TOKEN}` }, 401, 'UNAUTHORIZED'],
  ])('refuses %s (headers %j) with %i, starting nothing', async (_case, headers, status, error) => {
    const post = await http().post('/api/admin/catalog/import').set(headers).send({ pages: 1 }).expect(status);
    expect(post.body).toMatchObject({ error, message: expect.any(String) });
    const get = await http().get('/api/admin/jobs/whatever').set(headers).expect(status);
    expect(get.body.error).toBe(error);
    expect(fake.count()).toBe(0);
  });

  it.each([
    ['pages 0', { pages: 0 }],
    ['pages 51', { pages: 51 }],
    ['pages 1.5', { pages: 1.5 }],
    ['pages as a string', { pages: '2' }],
    ['pages null', { pages: null }],
    ['an unknown field', { pages: 1, region: 'US' }],
  ])('answers 400 naming the field for %s', async (_case, body) => {
    const response = await http().post('/api/admin/catalog/import').set(admin).send(body).expect(400);
    expect(response.body).toMatchObject({
      error: 'VALIDATION_FAILED',
      fields: [expect.objectContaining({ field: expect.stringMatching(/pages|region/) })],
    });
    expect(fake.count()).toBe(0);
  });

  it('answers 400 for a body that is not a JSON object', async () => {
    const malformed = await http()
      .post('/api/admin/catalog/import')
      .set(admin)
      .set('Content-Type', 'application/json')
      .send('{"pages": 2')
      .expect(400);
    expect(malformed.body).toMatchObject({
      error: expect.stringMatching(/^(MALFORMED_JSON|BAD_REQUEST)$/),
      message: expect.any(String),
    });
    const array = await http()
      .post('/api/admin/catalog/import')
      .set(admin)
      .send([{ pages: 2 }])
      .expect(400);
    expect(array.body.error).toBe('VALIDATION_FAILED');
    expect(fake.count()).toBe(0);
  });

  it('answers 404 for an unknown job and 400 for an id that is not one', async () => {
    const unknown = await http().get('/api/admin/jobs/0b7c6a52-6d84-4c51-9d0e-1c1d8f1a2b3c').set(admin).expect(404);
    expect(unknown.body).toMatchObject({ error: 'NOT_FOUND', resource: 'job' });
    await http().get('/api/admin/jobs/catalog.999999').set(admin).expect(404);
    for (const bad of ['bad%20id', '..%2F..%2Fetc', 'x'.repeat(101), '%00']) {
      const response = await http().get(`/api/admin/jobs/${bad}`).set(admin).expect(400);
      expect(response.body).toMatchObject({
        error: 'VALIDATION_FAILED',
        fields: [{ field: 'id', problems: [expect.any(String)] }],
      });
    }
  });
});

describe('admin catalogue import without TMDB credentials', () => {
  let app: TestApp;
  beforeAll(async () => (app = await createTestApp('sqlite', { TMDB_API_KEY: '', TMDB_READ_TOKEN: '' })));
  afterAll(() => app?.close());

  it('fails the job with a message naming TMDB_API_KEY and TMDB_READ_TOKEN', async () => {
    const started = await request(app.app.getHttpServer())
      .post('/api/admin/catalog/import')
      .set(admin)
      .send({})
      .expect(202);
    const job = await finished(app, started.body.jobId);
    expect(job).toMatchObject({
      state: 'failed',
      error: 'TMDB credentials are missing: set TMDB_API_KEY (v3 API key) or TMDB_READ_TOKEN (v4 read access token)',
    });
  });
});
