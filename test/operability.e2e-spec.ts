import { freePortRange } from './support/cluster';
import { TEST_MYSQL_URL, TEST_REDIS_URL } from './support/env';
import { Child, startTsProcess } from './support/processes';
import { TEST_ADMIN_TOKEN } from './support/test-app';

/**
 * Operating a node (README "Operating it"): `LOG_FORMAT=json` logs one JSON object per line,
 * the default stays Nest's human-readable lines, and `GET /metrics` answers Prometheus text with
 * the HTTP, booking, cluster, database and queue metrics. Real node processes on MariaDB and Redis.
 */
describe('operability: logs and metrics of a real node', () => {
  let json: Child;
  let text: Child;
  let jsonUrl: string;

  const env = (port: number, format: string) => ({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: TEST_MYSQL_URL,
    REDIS_URL: TEST_REDIS_URL,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SEED_ON_EMPTY: 'false',
    CATALOG_REFRESH_HOURS: '0',
    HOLD_SWEEP_INTERVAL_SECONDS: '86400',
    NODE_ID: format === 'json' ? '7' : '8',
    LOG_FORMAT: format,
    // The rate-limit counters are in the shared test Redis, per client address (127.0.0.1 for every
    // test): a node with the default limit would find them past it, and mark the address blocked
    // for every other test's node too.
    RATE_LIMIT_PER_MINUTE: '1000000',
  });

  beforeAll(async () => {
    const port = await freePortRange(1);
    jsonUrl = `http://127.0.0.1:${port}`;
    [json, text] = await Promise.all([
      startTsProcess('apps/api/src/main.ts', env(port, 'json'), 'is up', 90_000),
      startTsProcess('apps/api/src/main.ts', env(port + 1, 'text'), 'is up', 90_000),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([json?.stop(), text?.stop()]);
  });

  it('LOG_FORMAT=json: every line of output is one JSON object with level, time, node id and message', () => {
    const lines = json
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      let entry: Record<string, unknown> | undefined;
      expect(() => (entry = JSON.parse(line) as Record<string, unknown>)).not.toThrow();
      expect(entry).toEqual(
        expect.objectContaining({
          level: expect.any(Number),
          time: expect.any(Number),
          nodeId: 7,
          msg: expect.any(String),
        }),
      );
    }
    expect(
      lines.map((line) => JSON.parse(line) as { msg: string }).some((entry) => /Marquee node 7 is up/.test(entry.msg)),
    ).toBe(true);
  });

  it('LOG_FORMAT unset or text: Nest’s human-readable lines, not JSON', () => {
    const up = text
      .output()
      .split('\n')
      .find((line) => line.includes('Marquee node 8 is up'));
    expect(up).toMatch(/^\[Nest\] \d+ +- .* LOG \[Marquee\] Marquee node 8 is up/);
  });

  it('GET /metrics: HTTP requests by route and status, booking outcomes and latency, cluster, database, queues, seats', async () => {
    expect((await fetch(`${jsonUrl}/api/movies`)).status).toBe(200);
    const unknownShow = await fetch(`${jsonUrl}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        showId: 999_999_999,
        seatIds: [1],
        customer: { name: 'Metrics', email: 'metrics@example.test' },
      }),
    });
    expect(unknownShow.status).toBe(404);
    const response = await fetch(`${jsonUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = await response.text();
    const value = (pattern: RegExp) => {
      const match = body.match(pattern);
      return match ? Number(match[1]) : undefined;
    };
    expect(value(/^marquee_http_requests_total\{method="GET",route="\/api\/movies",status="200"\} (\d+)$/m)).toBe(1);
    expect(value(/^marquee_http_requests_total\{method="POST",route="\/api\/bookings",status="404"\} (\d+)$/m)).toBe(1);
    expect(value(/^marquee_booking_outcomes_total\{operation="booking",outcome="rejected"\} (\d+)$/m)).toBe(1);
    expect(
      value(/^marquee_booking_operation_duration_seconds_count\{operation="booking",outcome="rejected"\} (\d+)$/m),
    ).toBe(1);
    expect(
      value(/^marquee_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/movies"\} (\d+)$/m),
    ).toBe(1);
    // A one-node cluster leads itself, in a term of its own.
    expect(value(/^marquee_cluster_leader (\d+)$/m)).toBe(7);
    expect(value(/^marquee_cluster_term (\d+)$/m)).toBeGreaterThanOrEqual(0);
    expect(value(/^marquee_cluster_node_up\{node="7"\} (\d+)$/m)).toBe(1);
    expect(value(/^marquee_database_epoch (\d+)$/m)).toBeGreaterThanOrEqual(0);
    expect(value(/^marquee_queue_jobs\{queue="holds",state="waiting"\} (\d+)$/m)).toBeGreaterThanOrEqual(0);
    expect(value(/^marquee_seats\{state="booked"\} (\d+)$/m)).toBeGreaterThanOrEqual(0);
    expect(value(/^marquee_seats\{state="held"\} (\d+)$/m)).toBeGreaterThanOrEqual(0);
    // prom-client's default process metrics.
    expect(body).toMatch(/^process_cpu_user_seconds_total /m);
  });
});
