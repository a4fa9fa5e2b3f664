import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseService } from '@app/database';
import { Booking } from '@app/booking';
import { reservationEmailLike } from '../support/booking-fixtures';
import { Driver, DRIVERS } from '../support/env';
import { makeShow } from '../support/factories';
import { TEST_ADMIN_TOKEN } from '../support/test-app';
import { startApi, ListeningApp } from './support/api-server';
import { runCli, writeServersFile } from './support/run-cli';

// Each step runs the CLI as a process (~1 s through ts-node).
jest.setTimeout(60_000);

/**
 * The customer commands as a user runs them: `marquee reserve|search|delete` in a child process
 * against a listening API, printing exactly the lines of DESIGN.md "Command-line client".
 */

/** One listening API node, its servers file, and fresh shows with a `marquee` bound to each. */
function useApi(driver: Driver) {
  const context = {} as { api: ListeningApp; servers: string };
  beforeAll(async () => {
    context.api = await startApi(driver);
    context.servers = writeServersFile([{ id: 1, port: context.api.port }]);
  });
  afterAll(() => context.api.close());
  return {
    context,
    /** A fresh show of 12 seats (row A: 10 seats, row B: 2) and `marquee --servers … --show <it> …`. */
    async showOf12() {
      const { show } = await makeShow(context.api, { seats: 12 });
      const marquee = (...args: string[]) => runCli(['--servers', context.servers, '--show', String(show.id), ...args]);
      return { show, marquee };
    },
    /** Confirmed bookings of `name` for the show, counted in the database. */
    confirmedBookings(showId: number, name: string): Promise<number> {
      return context.api
        .get(DatabaseService)
        .manager.count(Booking, { where: { showId, customerEmail: reservationEmailLike(name), state: 'confirmed' } });
    },
  };
}

describe.each(DRIVERS)('marquee reserve, search and delete on %s', (driver) => {
  const { context, showOf12, confirmedBookings } = useApi(driver);

  it('reserves the best seats side by side, then refuses the same name with its seats', async () => {
    const { show, marquee } = await showOf12();

    const reserved = await marquee('reserve', 'Ada Lovelace', '3');
    expect(reserved).toMatchObject({
      code: 0,
      stdout: 'The seats have been reserved for Ada Lovelace: A4,A5,A6.\n',
      stderr: '',
    });

    const again = await marquee('reserve', 'Ada Lovelace', '1');
    expect(again).toMatchObject({
      code: 1,
      stdout: 'Failed: Ada Lovelace has booked the following seats: A4,A5,A6.\n',
      stderr: '',
    });
    expect(await confirmedBookings(show.id, 'Ada Lovelace')).toBe(1);
  });

  it('refuses more seats than are left, with the exact numbers', async () => {
    const { show, marquee } = await showOf12();
    expect((await marquee('reserve', 'Bob', '5')).code).toBe(0);

    const tooMany = await marquee('reserve', 'Carol', '8');
    expect(tooMany).toMatchObject({
      code: 1,
      stdout: 'Failed: only 7 seats left but 8 seats are requested.\n',
      stderr: '',
    });
    expect(await confirmedBookings(show.id, 'Carol')).toBe(0);

    // Above MAX_SEATS_PER_BOOKING (10) too: the seats left are what the answer names.
    expect(await marquee('reserve', 'Carol', '11')).toMatchObject({
      code: 1,
      stdout: 'Failed: only 7 seats left but 11 seats are requested.\n',
      stderr: '',
    });
    expect(await marquee('reserve', 'Carol', '500')).toMatchObject({
      code: 1,
      stdout: 'Failed: only 7 seats left but 500 seats are requested.\n',
    });
    expect(await confirmedBookings(show.id, 'Carol')).toBe(0);
  });

  it('searches a name: its seats, or no reservation', async () => {
    const { marquee } = await showOf12();
    await marquee('reserve', 'Dee', '2');

    expect(await marquee('search', 'Dee')).toMatchObject({ code: 0, stdout: 'A5,A6\n', stderr: '' });
    // `dee` is another name; this client holds no secret for it.
    expect(await marquee('search', 'dee')).toMatchObject({
      code: 1,
      stdout: 'Failed: no reservation is made by dee.\n',
      stderr: expect.stringContaining('no reservation secret for dee'),
    });
  });

  it('keeps a reservation to the client that made it (its secret) and the admin token', async () => {
    const { show } = await makeShow(context.api, { seats: 12 });
    const base = ['--servers', context.servers, '--show', String(show.id)];
    expect((await runCli([...base, 'reserve', 'Gil', '2'])).code).toBe(0);
    const elsewhere = { MARQUEE_STATE_DIR: mkdtempSync(join(tmpdir(), 'marquee-cli-state-')) };
    for (const command of ['search', 'delete']) {
      expect(await runCli([...base, command, 'Gil'], elsewhere)).toMatchObject({
        code: 1,
        stdout: 'Failed: no reservation is made by Gil.\n',
      });
    }
    expect(await runCli([...base, 'reserve', 'Gil', '1'], elsewhere)).toMatchObject({
      code: 1,
      stdout: 'Failed: Gil already has a reservation for this show.\n',
    });
    expect(await confirmedBookings(show.id, 'Gil')).toBe(1);
    const admin = { ...elsewhere, ADMIN_TOKEN: TEST_ADMIN_TOKEN };
    expect(await runCli([...base, 'search', 'Gil'], admin)).toMatchObject({ code: 0, stdout: 'A5,A6\n' });
    expect((await runCli([...base, 'delete', 'Gil'], admin)).code).toBe(0);
  });

  it('deletes a reservation: seats released and left, then no reservation', async () => {
    const { show, marquee } = await showOf12();
    await marquee('reserve', 'Eve', '4');
    await marquee('reserve', 'Fay', '1');

    expect(await marquee('delete', 'Eve')).toMatchObject({
      code: 0,
      stdout: '4 seats have been released. 11 seats are now available.\n',
      stderr: '',
    });
    expect(await confirmedBookings(show.id, 'Eve')).toBe(0);
    expect(await marquee('delete', 'Eve')).toMatchObject({
      code: 1,
      stdout: 'Failed: no reservation is made by Eve.\n',
      stderr: '',
    });
    expect(await marquee('search', 'Eve')).toMatchObject({
      code: 1,
      stdout: 'Failed: no reservation is made by Eve.\n',
    });
  });

  it('takes the show from MARQUEE_SHOW or a config file, and names with spaces and accents', async () => {
    const { show } = await makeShow(context.api, { seats: 12 });
    const fromEnv = await runCli(['reserve', 'Zoë  O’Brien', '2'], {
      SERVERS_FILE: context.servers,
      MARQUEE_SHOW: String(show.id),
    });
    expect(fromEnv).toMatchObject({ code: 0, stdout: 'The seats have been reserved for Zoë  O’Brien: A5,A6.\n' });

    const dir = mkdtempSync(join(tmpdir(), 'marquee-cli-config-'));
    writeFileSync(join(dir, 'servers'), `1 127.0.0.1 ${context.api.port}\n`);
    writeFileSync(join(dir, 'cli.json'), JSON.stringify({ servers: 'servers', show: show.id }));
    const fromFile = await runCli(['search', 'Zoë  O’Brien'], { MARQUEE_CONFIG: join(dir, 'cli.json') });
    expect(fromFile).toMatchObject({ code: 0, stdout: 'A5,A6\n' });
  });
});

describe('marquee usage, configuration and server refusals', () => {
  const { context, showOf12, confirmedBookings } = useApi('mysql');

  it('says what is wrong with the usage or configuration (exit 2), booking nothing', async () => {
    const { show, marquee } = await showOf12();
    const servers = context.servers;
    expect(await marquee('reserve', 'Gus', 'two')).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'marquee: count must be a whole number from 1 to 10000, got "two"\n',
    });
    expect(await marquee('reserve', 'Gus', '0')).toMatchObject({ code: 2, stdout: '' });
    expect(await marquee('reserve', '   ', '1')).toMatchObject({
      code: 2,
      stderr: 'marquee: name must not be empty\n',
    });
    expect(await marquee('reserve', 'x'.repeat(101), '1')).toMatchObject({
      code: 2,
      stderr: 'marquee: name must be at most 100 characters\n',
    });
    expect(await marquee('reserve', 'Gus')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("missing required argument 'count'"),
    });
    expect(await runCli(['--servers', servers, 'search', 'Gus'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^marquee: no show: give --show <id>/),
    });
    expect(await runCli(['--servers', servers, '--show', 'seven', 'search', 'Gus'])).toMatchObject({
      code: 2,
      stderr: 'marquee: --show: must be a show id (a positive whole number)\n',
    });
    expect(await runCli(['--show', String(show.id), 'search', 'Gus'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^marquee: no servers file/),
    });

    const broken = join(mkdtempSync(join(tmpdir(), 'marquee-cli-bad-')), 'servers');
    writeFileSync(broken, `1 127.0.0.1 ${context.api.port}\n2 127.0.0.1 70000\n`);
    expect(await runCli(['--servers', broken, '--show', String(show.id), 'reserve', 'Gus', '1'])).toMatchObject({
      code: 2,
      stderr: `marquee: ${broken}, line 2: port "70000" is not 1–65535\n`,
    });
    expect(await runCli(['--servers', '/nonexistent/servers', '--show', '1', 'search', 'Gus'])).toMatchObject({
      code: 2,
      stderr: 'marquee: cannot read the servers file /nonexistent/servers: no such file\n',
    });
    expect(await confirmedBookings(show.id, 'Gus')).toBe(0);
  });

  it('reports an unknown show (exit 1) and input the server refuses (exit 2) plainly', async () => {
    const unknown = await runCli(['--servers', context.servers, '--show', '2000000000', 'reserve', 'Hal', '1']);
    expect(unknown).toMatchObject({ code: 1, stdout: 'Failed: show 2000000000 was not found.\n', stderr: '' });
    const { marquee } = await showOf12();
    // MAX_SEATS_PER_BOOKING (default 10) is the server's rule: its 400 is a usage error.
    expect(await marquee('reserve', 'Hal', '11')).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'marquee: the server refused the input: count must ask for at most 10 seats\n',
    });
  });
});
