import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli';
import { HttpExchange, HttpReply, TransportError } from './http-transport';

/** A servers file of `count` servers on ports 4001, 4002, … in a fresh folder. */
function serversFile(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-cli-unit-'));
  const path = join(dir, 'servers');
  writeFileSync(path, Array.from({ length: count }, (_, index) => `${index + 1} 127.0.0.1 ${4001 + index}`).join('\n'));
  return path;
}

/** Runs the CLI in-process; `answer` plays the servers. Returns exit code, output and the exchanges sent. */
async function run(
  argv: string[],
  answer: (exchange: HttpExchange) => HttpReply | Promise<HttpReply>,
  env: Record<string, string> = {},
) {
  let stdout = '';
  let stderr = '';
  const exchanges: HttpExchange[] = [];
  const code = await runCli(argv, {
    env: { HOME: mkdtempSync(join(tmpdir(), 'marquee-cli-home-')), ...env },
    io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
    transport: async (exchange) => {
      exchanges.push(exchange);
      return answer(exchange);
    },
  });
  return { code, stdout, stderr, exchanges };
}

const json = (status: number, body: unknown): HttpReply => ({ status, text: JSON.stringify(body) });
const neverCalled = (): HttpReply => {
  throw new Error('no request expected');
};

describe('marquee argument parsing', () => {
  const servers = serversFile(1);

  it('sends reserve as POST /api/shows/:id/reservations { name, count } with an Idempotency-Key', async () => {
    const result = await run(['--servers', servers, '--show', '5', 'reserve', ' Ada ', '2'], () =>
      json(201, { name: 'Ada', showId: 5, seats: ['F7', 'F8'], bookingCode: 'ABCDEFGH' }),
    );
    expect(result).toMatchObject({ code: 0, stdout: 'The seats have been reserved for Ada: F7,F8.\n', stderr: '' });
    const [exchange] = result.exchanges;
    expect(exchange.method).toBe('POST');
    expect(exchange.url.toString()).toBe('http://127.0.0.1:4001/api/shows/5/reservations');
    expect(JSON.parse(exchange.body!)).toEqual({ name: 'Ada', count: 2 });
    expect(exchange.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(exchange.timeoutMs).toBe(5_000);
  });

  it('accepts the global options after the command too, and sends names in the query', async () => {
    const result = await run(['search', 'Zoë & Co/2', '--show', '9', '--servers', servers, '--timeout-ms', '250'], () =>
      json(200, { name: 'Zoë & Co/2', showId: 9, seats: ['A1'], bookingCode: 'X' }),
    );
    expect(result).toMatchObject({ code: 0, stdout: 'A1\n' });
    expect(result.exchanges[0].url.pathname).toBe('/api/shows/9/reservations');
    expect(result.exchanges[0].url.searchParams.get('name')).toBe('Zoë & Co/2');
    expect(result.exchanges[0].timeoutMs).toBe(250);
  });

  it.each([
    [['reserve', 'Ada'], "error: missing required argument 'count'"],
    [['reserve', 'Ada', '2', 'extra'], 'error: too many arguments'],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['--frob', 'search', 'Ada'], "error: unknown option '--frob'"],
    [['add-show', '--movie', '1'], "error: required option '--screen <id>' not specified"],
  ])('refuses %j with exit 2 and commander’s message, sending nothing', async (argv, message) => {
    const result = await run(['--servers', servers, '--show', '5', ...argv], neverCalled);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.exchanges).toHaveLength(0);
  });

  it.each([
    [['reserve', 'Ada', '2.5'], 'marquee: count must be a whole number from 1 to 10000, got "2.5"'],
    [['reserve', 'Ada', '10001'], 'marquee: count must be a whole number from 1 to 10000, got "10001"'],
    [['reserve', 'A\u0007da', '1'], 'marquee: name must contain printable characters only'],
    [
      ['--timeout-ms', '0', 'search', 'Ada'],
      'marquee: --timeout-ms: must be a whole number of milliseconds from 1 to 600000',
    ],
    [['--seed', '-1', 'search', 'Ada'], 'marquee: --seed: must be a whole number from 0 to 4294967295'],
    [['--token', 'has space', 'shows'], 'marquee: --token: must be 1 to 512 visible ASCII characters'],
    [['remove-show', 'abc'], 'marquee: show id must be a whole number from 1 to 2147483647, got "abc"'],
    [['import'], 'marquee: admin commands need the admin token: set ADMIN_TOKEN or give --token <token>'],
    [['--token', 'tok', 'import', '--pages', '99'], 'marquee: --pages must be a whole number from 1 to 50, got "99"'],
    [
      ['--token', 'tok', 'shows', '--date', '2030-13-01'],
      'marquee: --date must be a day as YYYY-MM-DD, got "2030-13-01"',
    ],
    [
      ['--token', 'tok', 'add-show', '--movie', '1', '--screen', '2', '--starts', '2030-06-03 18:30', '--price', '900'],
      'marquee: --starts must be an ISO-8601 date-time with a zone',
    ],
  ])('refuses %j with exit 2 and a clear message, sending nothing', async (argv, message) => {
    const result = await run(['--servers', servers, '--show', '5', ...argv], neverCalled);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(result.exchanges).toHaveLength(0);
  });

  it('prints help with exit 0', async () => {
    const result = await run(['--help'], neverCalled);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('reserve [options] <name> <count>');
    expect(result.stdout).toContain('Exit codes: 0 done, 1 refused');
  });

  it('sends the admin token as a bearer token, from ADMIN_TOKEN or --token (the flag wins)', async () => {
    const list = () => json(200, []);
    const fromEnv = await run(['--servers', servers, 'shows'], list, { ADMIN_TOKEN: 'env-token-0123456789' });
    expect(fromEnv).toMatchObject({ code: 0, stdout: 'No shows.\n' });
    expect(fromEnv.exchanges[0].headers.authorization).toBe('Bearer env-token-0123456789');
    const fromFlag = await run(['--servers', servers, '--token', 'flag-token', 'shows'], list, {
      ADMIN_TOKEN: 'env-token-0123456789',
    });
    expect(fromFlag.exchanges[0].headers.authorization).toBe('Bearer flag-token');
  });
});

describe('marquee answers', () => {
  const servers = serversFile(1);
  const reserve = (answer: HttpReply) =>
    run(['--servers', servers, '--show', '5', 'reserve', 'Ada', '4'], () => answer);

  it('turns the API’s refusals into the design’s lines (exit 1)', async () => {
    expect(
      await reserve(json(409, { error: 'NOT_ENOUGH_SEATS', message: 'x', requested: 4, available: 3 })),
    ).toMatchObject({
      code: 1,
      stdout: 'Failed: only 3 seats left but 4 seats are requested.\n',
    });
    expect(
      await reserve(json(409, { error: 'ALREADY_BOOKED', message: 'x', name: 'Ada', seats: ['B1', 'B2'] })),
    ).toMatchObject({
      code: 1,
      stdout: 'Failed: Ada has booked the following seats: B1,B2.\n',
    });
    expect(
      await reserve(json(409, { error: 'SHOW_STARTED', message: 'show 5 has already started', showId: 5 })),
    ).toMatchObject({
      code: 1,
      stdout: 'Failed: show 5 has already started.\n',
    });
    expect(await reserve(json(403, { error: 'FORBIDDEN', message: 'wrong admin token' }))).toMatchObject({ code: 2 });
  });

  it('refuses an answer that is not Marquee’s (exit 3), naming the server', async () => {
    const odd = await reserve({ status: 201, text: '<html>hello</html>' });
    expect(odd).toMatchObject({ code: 3, stdout: '' });
    expect(odd.stderr).toMatch(
      /^marquee: server 1 \(127\.0\.0\.1:4001\) gave an unexpected 201 answer \(.*\); is it a Marquee server\?\n$/,
    );
  });
});

describe('marquee failover (fake servers)', () => {
  const servers = serversFile(3);

  it('retries a timed-out reservation on the next server with the same Idempotency-Key', async () => {
    const result = await run(
      ['--servers', servers, '--show', '5', '--seed', '1', 'reserve', 'Ada', '1'],
      (exchange) => {
        if (exchange.url.port !== '4003')
          throw new TransportError(exchange.url.port === '4001' ? 'TIMEOUT' : 'ECONNREFUSED', 'x');
        return json(201, { name: 'Ada', showId: 5, seats: ['A1'], bookingCode: 'X' });
      },
    );
    expect(result).toMatchObject({ code: 0, stdout: 'The seats have been reserved for Ada: A1.\n' });
    expect(new Set(result.exchanges.map((exchange) => exchange.url.port)).size).toBe(result.exchanges.length);
    expect(new Set(result.exchanges.map((exchange) => exchange.headers['idempotency-key'])).size).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(result.exchanges.length - 1);
  });

  it('notes that a timed-out delete may have happened when the retry finds nothing', async () => {
    let calls = 0;
    const result = await run(['--servers', servers, '--show', '5', 'delete', 'Ada'], () => {
      if (calls++ === 0) throw new TransportError('TIMEOUT', 'x');
      return json(404, { error: 'NOT_FOUND', message: 'no reservation is made by Ada', resource: 'reservation' });
    });
    expect(result).toMatchObject({ code: 1, stdout: 'Failed: no reservation is made by Ada.\n' });
    expect(result.stderr).toMatch(/may have released it before it stopped answering/);
  });
});
