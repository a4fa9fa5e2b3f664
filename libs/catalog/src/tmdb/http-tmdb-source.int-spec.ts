import { createServer } from 'node:net';
import { AppConfigService } from '@app/common';
import { FAKE_TMDB_API_KEY, FAKE_TMDB_READ_TOKEN, FakeTmdbServer } from '../../../../test/support/fake-tmdb-server';
import { HttpTmdbSettings, HttpTmdbSource } from './http-tmdb-source';

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('HttpTmdbSource against a fake TMDB', () => {
  let fake: FakeTmdbServer;
  const slept: number[] = [];
  const source = (settings: Partial<HttpTmdbSettings> = {}, realSleep = false) =>
    new HttpTmdbSource(
      { baseUrl: fake.url, apiKey: FAKE_TMDB_API_KEY, timeoutMs: 500, maxRetries: 2, backoffMs: 10, ...settings },
      realSleep ? undefined : async (ms) => void slept.push(ms),
    );

  beforeAll(async () => (fake = await FakeTmdbServer.start()));
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    slept.length = 0;
  });

  it('sends the v3 key as api_key, or the read token as a bearer header', async () => {
    expect(await source().get('/movie/940721')).toMatchObject({ original_title: 'ゴジラ-1.0' });
    expect(
      await source({ apiKey: undefined, readToken: FAKE_TMDB_READ_TOKEN }).get('/genre/movie/list'),
    ).toHaveProperty('genres');
    expect(fake.requests.map((request) => request.status)).toEqual([200, 200]);
  });

  it('fails at once on 401 with the message TMDB gave', async () => {
    await expect(source({ apiKey: 'wrong' }).get('/genre/movie/list')).rejects.toMatchObject({
      code: 'IMPORT_FAILED',
      failure: 'credentials',
      status: 401,
      message:
        'TMDB rejected the credentials (401) for GET /genre/movie/list: "Invalid API key: You must be granted a valid key."',
    });
    expect(fake.count()).toBe(1);
  });

  it('fails at once on 404, naming the request but never the key', async () => {
    const error = await source()
      .get('/movie/now_playing', { page: 9 })
      .catch((caught: Error) => caught);
    expect(error).toMatchObject({ failure: 'not-found', status: 404 });
    expect((error as Error).message).toMatch(/^TMDB has no GET \/movie\/now_playing\?page=9 \(404\)/);
    expect((error as Error).message).not.toContain(FAKE_TMDB_API_KEY);
    expect(fake.count()).toBe(1);
  });

  it('waits the Retry-After seconds of a 429 and then succeeds', async () => {
    fake.fault('/movie/now_playing?page=1', { kind: 'rate-limit', retryAfterSeconds: 1 });
    await expect(source({}, true).get('/movie/now_playing', { page: 1 })).resolves.toMatchObject({ page: 1 });
    const [first, second] = fake.requests;
    expect([first.status, second.status]).toEqual([429, 200]);
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('caps a long Retry-After and gives up after the retries', async () => {
    fake.fault('/genre/movie/list', { kind: 'rate-limit', retryAfterSeconds: 3600, times: 10 });
    await expect(source({ maxRetryAfterMs: 2_000 }).get('/genre/movie/list')).rejects.toMatchObject({
      failure: 'rate-limited',
      message: 'TMDB rate-limited GET /genre/movie/list (429) (gave up after 3 attempts)',
    });
    expect(slept).toEqual([2_000, 2_000]);
    expect(fake.count()).toBe(3);
  });

  it('retries a 500 with backoff, and reports the status when the retries run out', async () => {
    fake.fault('/movie/872585', { kind: 'server-error', times: 1 });
    await expect(source().get('/movie/872585')).resolves.toMatchObject({ runtime: 180 });
    expect(fake.count('/movie/872585')).toBe(2);

    fake.fault('/movie/872585', { kind: 'server-error', times: 5 });
    await expect(source({ maxRetries: 1 }).get('/movie/872585')).rejects.toThrow(
      'TMDB answered GET /movie/872585 with HTTP 500: "Internal error: Something went wrong, contact TMDb." (gave up after 2 attempts)',
    );
  });

  it('times out a request that hangs, retrying it up to TMDB_MAX_RETRIES', async () => {
    fake.fault('/movie/now_playing?page=1', { kind: 'hang' });
    const started = Date.now();
    await expect(
      source({ timeoutMs: 200, maxRetries: 1 }).get('/movie/now_playing', { page: 1 }),
    ).rejects.toMatchObject({
      failure: 'timeout',
      message: 'TMDB did not answer GET /movie/now_playing?page=1 within 200 ms (gave up after 2 attempts)',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(fake.count()).toBe(2);
  });

  it('fails at once on malformed and on truncated JSON, saying which', async () => {
    fake.fault('/movie/now_playing?page=2', { kind: 'malformed' }).fault('/movie/508883', { kind: 'truncated' });
    await expect(source().get('/movie/now_playing', { page: 2 })).rejects.toMatchObject({
      failure: 'malformed',
      message: expect.stringMatching(
        /^TMDB sent malformed JSON for GET \/movie\/now_playing\?page=2 \(24 bytes, content-type application\/json/,
      ),
    });
    await expect(source().get('/movie/508883')).rejects.toMatchObject({
      failure: 'truncated',
      message: expect.stringMatching(
        /^TMDB sent truncated JSON for GET \/movie\/508883 \(the body ends after \d+ bytes\)$/,
      ),
    });
    expect(fake.count()).toBe(2);
  });

  it('retries a refused connection and then says TMDB could not be reached', async () => {
    const port = await closedPort();
    await expect(
      source({ baseUrl: `http://127.0.0.1:${port}/3`, maxRetries: 1 }).get('/genre/movie/list'),
    ).rejects.toMatchObject({
      failure: 'network',
      message: expect.stringMatching(
        /^TMDB could not be reached for GET \/genre\/movie\/list \(ECONNREFUSED: .*\) \(gave up after 2 attempts\)$/,
      ),
    });
    expect(slept).toHaveLength(1);
  });

  it('refuses to start without credentials, naming both variables', () => {
    const config = AppConfigService.fromEnv({ TMDB_API_KEY: '', TMDB_READ_TOKEN: ' ' });
    expect(() => HttpTmdbSource.fromConfig(config)).toThrow(
      'TMDB credentials are missing: set TMDB_API_KEY (v3 API key) or TMDB_READ_TOKEN (v4 read access token)',
    );
  });
});
