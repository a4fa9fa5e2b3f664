import { randomUUID } from 'node:crypto';
import { FindOperator, Like } from 'typeorm';
import { RESERVATION_EMAIL_DOMAIN, reservationEmailPrefix } from '@app/contracts';
import { DatabaseService } from '@app/database';
import { PricingService, TicketTypeView } from '@app/pricing';
import { Movie, parseSeatLayout, Screen, Seat, Show, ShowSeatInventory, Theater } from '@app/catalog';
import request from 'supertest';
import { Driver } from './env';
import { createTestApp, TestApp } from './test-app';

/** A show ready to sell, with its seats by label. */
export interface SeatedShow {
  show: Show;
  seats: Seat[];
  byLabel: (label: string) => Seat;
}

/**
 * A fresh theater, screen, movie and show with its inventory, written straight through the
 * entities so booking tests do not depend on the catalogue services. `layout` rows use s/p/w/_;
 * prices 1,000 cents, premium 1,500; starts in `startsInMs` (default one day).
 */
export async function seatedShow(
  testApp: TestApp,
  options: { layout?: string[]; startsInMs?: number } = {},
): Promise<SeatedShow> {
  const manager = testApp.get(DatabaseService).manager;
  const tag = randomUUID().slice(0, 8);
  const layout = options.layout ?? ['ssssssss', 'ssssssss', 'sspppps_', 'ww_ssss_'];
  const parsed = parseSeatLayout(layout);
  const theater = await manager.save(
    Theater,
    manager.create(Theater, { name: `Test theater ${tag}`, city: 'Testville' }),
  );
  const screen = await manager.save(
    Screen,
    manager.create(Screen, { theaterId: theater.id, name: `Screen ${tag}`, layout, seatCount: parsed.seats.length }),
  );
  const seats = await manager.save(
    Seat,
    parsed.seats.map((seat) =>
      manager.create(Seat, {
        screenId: screen.id,
        rowLabel: seat.rowLabel,
        rowIndex: seat.rowIndex,
        number: seat.number,
        col: seat.col,
        kind: seat.kind,
      }),
    ),
  );
  const movie = await manager.save(
    Movie,
    manager.create(Movie, {
      tmdbId: Math.floor(Math.random() * 1e9),
      title: `Film ${tag}`,
      originalTitle: `Film ${tag}`,
      genres: ['Drama'],
      runtimeMin: 100,
    }),
  );
  const startsAt = new Date(Date.now() + (options.startsInMs ?? 86_400_000));
  const show = await manager.save(
    Show,
    manager.create(Show, {
      movieId: movie.id,
      screenId: screen.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 130 * 60_000),
      priceCents: 1000,
      premiumPriceCents: 1500,
      generated: false,
    }),
  );
  await testApp.get(ShowSeatInventory).createFor(manager, [show]);
  return { show, seats, byLabel: (label) => seats.find((seat) => `${seat.rowLabel}${seat.number}` === label)! };
}

/** The `customerEmail` condition matching every reservation booking of `name`, whatever its secret. */
export function reservationEmailLike(name: string): FindOperator<string> {
  return Like(`${reservationEmailPrefix(name)}%@${RESERVATION_EMAIL_DOMAIN}`);
}

/** A test app with a supertest client and one seated show, filled in before the describe's first test. */
export interface SeatedApp {
  app: TestApp;
  http: ReturnType<typeof request>;
  fixture: SeatedShow;
}

/**
 * Registers the describe block's beforeAll (a test app on `driver` with `env`, its HTTP client and
 * a {@link seatedShow}) and afterAll (closes the app). Read the fields inside tests, not at
 * describe time: they are set when beforeAll has run.
 */
export function useSeatedApp(driver: Driver, env: Record<string, string> = {}): SeatedApp {
  const seated = {} as SeatedApp;
  beforeAll(async () => {
    seated.app = await createTestApp(driver, env);
    seated.http = request(seated.app.app.getHttpServer());
    seated.fixture = await seatedShow(seated.app);
  });
  afterAll(() => seated.app?.close());
  return seated;
}

/** The ticket types {@link priceTheater} gives a theater. */
export interface TestPrices {
  theaterId: number;
  adult: TicketTypeView;
  child: TicketTypeView;
}

/**
 * Prices a theater the way the ticket-type tests expect: Adult 1,200 and Child 800 cents, premium
 * seats +300 (through PricingService, as an admin would). Give a screen id to price its theater.
 */
export async function priceTheater(
  testApp: TestApp,
  where: { theaterId?: number; screenId?: number },
): Promise<TestPrices> {
  const theaterId =
    where.theaterId ??
    (await testApp.get(DatabaseService).manager.findOneByOrFail(Screen, { id: where.screenId! })).theaterId;
  const pricing = testApp.get(PricingService);
  const [first] = (await pricing.view(theaterId)).ticketTypes;
  const adult = await pricing.updateType(theaterId, first.id, { priceCents: 1200 });
  const child = await pricing.createType(theaterId, { name: 'Child', priceCents: 800 });
  await pricing.setSurcharge(theaterId, 'premium', 300);
  return { theaterId, adult, child };
}
