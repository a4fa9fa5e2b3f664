import { BookingSeat } from '@app/booking';
import { DatabaseService } from '@app/database';
import { PricingService } from '@app/pricing';
import { DRIVERS } from '../support/env';
import { makeShow } from '../support/factories';
import { startApi, ListeningApp } from './support/api-server';
import { runCli, writeServersFile } from './support/run-cli';

// Each step runs the CLI as a process (~1 s through ts-node).
jest.setTimeout(60_000);

describe.each(DRIVERS)('marquee reserve --types on %s', (driver) => {
  let api: ListeningApp;
  let servers: string;

  beforeAll(async () => {
    api = await startApi(driver);
    servers = writeServersFile([{ id: 1, port: api.port }]);
  });
  afterAll(() => api.close());

  it('reserves seats with the ticket types named, keeping the usual output line', async () => {
    const { show, theaterId } = await makeShow(api, { seats: 12 });
    const pricing = api.get(PricingService);
    const [adult] = (await pricing.view(theaterId)).ticketTypes;
    await pricing.updateType(theaterId, adult.id, { priceCents: 1200 });
    await pricing.createType(theaterId, { name: 'Child', priceCents: 800 });
    const marquee = (...args: string[]) => runCli(['--servers', servers, '--show', String(show.id), ...args]);

    const reserved = await marquee('reserve', 'Ada', '3', '--types', 'adult=2,CHILD=1');
    expect(reserved).toMatchObject({
      code: 0,
      stdout: 'The seats have been reserved for Ada: A4,A5,A6.\n',
      stderr: '',
    });
    const seats = await api
      .get(DatabaseService)
      .manager.createQueryBuilder(BookingSeat, 'seat')
      .innerJoin('seat.booking', 'booking')
      .where('booking.showId = :id', { id: show.id })
      .orderBy('seat.id')
      .getMany();
    expect(seats.map((seat) => [seat.label, seat.ticketTypeName, seat.priceCents])).toEqual([
      ['A4', 'Adult', 1200],
      ['A5', 'Adult', 1200],
      ['A6', 'Child', 800],
    ]);

    const mismatch = await marquee('reserve', 'Bob', '3', '--types', 'adult=1');
    expect(mismatch).toMatchObject({ code: 2, stdout: '' });
    expect(mismatch.stderr).toContain('--types add up to 1 seats but <count> is 3');
    const unknown = await marquee('reserve', 'Bob', '1', '--types', 'dragon=1');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('no ticket type "dragon" at this show; its types: Adult, Child');
    const malformed = await marquee('reserve', 'Bob', '1', '--types', 'adult');
    expect(malformed).toMatchObject({ code: 2 });
    expect(malformed.stderr).toContain('--types must be name=count pairs');
  });
});
