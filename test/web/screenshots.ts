/**
 * `npm run screenshots`: boots the app on a temporary SQLite file with the first-run data (the
 * committed TMDB snapshot, two theaters, a week of shows), books some seats so the pages look
 * lived in, then drives Debian's Chromium (playwright-core) through the main pages and writes
 * PNGs to docs/screenshots/. The admin import runs against the fake TMDB server of the tests, so
 * no live TMDB call is made. This machine has no internet, so posters show their placeholder.
 * Fails (exit 1) on any console or page error, like the browser tests.
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BookingService, HoldService, SeatMapService, TicketService } from '@app/booking';
import { ShowQueryService, TheaterService } from '@app/catalog';
import { PricingService } from '@app/pricing';
import { QueueSettingsService, WaitingRoomService } from '@app/waiting-room';
import { FAKE_TMDB_API_KEY, FakeTmdbServer } from '../support/fake-tmdb-server';
import { TEST_ADMIN_TOKEN } from '../support/test-app';
import { launchChromium, newContext, PageProblems, seat, startWebApp, WebApp } from './support/browser';

const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** A deterministic scatter of seat ids (every `step`-th seat from `offset`). */
function scatter<T>(items: T[], step: number, offset: number): T[] {
  return items.filter((_, index) => (index + offset) % step === 0);
}

/**
 * Prices every theater like a cinema does: Adult at each show's price, Child, Senior and Student
 * at fixed prices, a premium surcharge. Returns theater name → its type ids (Adult first).
 */
async function ticketTypes(web: WebApp): Promise<Map<string, number[]>> {
  const pricing = web.app.get(PricingService);
  const types = new Map<string, number[]>();
  for (const theater of await web.app.get(TheaterService).list()) {
    const [adult] = (await pricing.view(theater.id)).ticketTypes;
    const others = [
      await pricing.createType(theater.id, { name: 'Child', priceCents: 750 }),
      await pricing.createType(theater.id, { name: 'Senior', priceCents: 850 }),
      await pricing.createType(theater.id, { name: 'Student', priceCents: 900 }),
    ];
    await pricing.setSurcharge(theater.id, 'premium', 300);
    types.set(theater.name, [adult.id, ...others.map((type) => type.id)]);
  }
  return types;
}

/** Books and holds seats of the coming shows, so seat maps, occupancy bars and reports are not empty. */
async function liveliness(web: WebApp): Promise<number> {
  const typesOf = await ticketTypes(web);
  const shows = await web.app.get(ShowQueryService).list();
  const bookings = web.app.get(BookingService);
  const upcoming = shows.filter((show) => new Date(show.startsAt).getTime() > Date.now() + 3_600_000);
  // The featured show: the first evening show on the largest screen.
  const featured =
    upcoming.find((show) => show.capacity >= 200 && new Date(show.startsAt).getUTCHours() >= 17) ?? upcoming[0];
  for (const [index, show] of upcoming.slice(0, 60).entries()) {
    if (show.id === featured.id) continue;
    const groups = 1 + (index % 7);
    for (let group = 0; group < groups; group++) {
      const count = 1 + ((index + group) % 4);
      const types = typesOf.get(show.theater.name) ?? [];
      await bookings
        .book({
          showId: show.id,
          count,
          // Mostly adults, then a child, a senior or a student in turn.
          ticketTypeIds: Array.from({ length: count }, (_, seatIndex) =>
            seatIndex === 0 ? types[0] : types[(index + group + seatIndex) % types.length],
          ),
          customer: { name: `Guest ${group}`, email: `guest${group}@example.com` },
        })
        .catch(() => undefined);
    }
  }
  const map = JSON.parse((await web.app.get(SeatMapService).get(featured.id)).json.toString()) as {
    seats: { id: number; label: string; state: string }[];
  };
  const free = map.seats.filter((s) => s.state === 'available');
  // Keep the middle of rows F and G free for the selection in the pictures.
  const taken = scatter(free, 5, 2).filter(
    (s) => !/^[FG](9|1[0-4])$/.test(s.label) && !['H15', 'H16', 'C5', 'C6'].includes(s.label),
  );
  for (let i = 0; i < taken.length; i += 3) {
    await bookings
      .book({
        showId: featured.id,
        seatIds: taken.slice(i, i + 3).map((s) => s.id),
        customer: { name: 'Guest', email: 'guest@example.com' },
      })
      .catch(() => undefined);
  }
  const held = free.filter((s) => ['H15', 'H16', 'C5', 'C6'].includes(s.label)).map((s) => s.id);
  if (held.length)
    await web.app.get(HoldService).hold(featured.id, held, { name: 'Someone', email: 'someone@example.com' });
  return featured.id;
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage, animations: 'disabled', caret: 'hide' });
  console.log(`wrote docs/screenshots/${name}.png`);
}

async function customerPages(browser: Browser, web: WebApp, showId: number, problems: PageProblems): Promise<void> {
  const context = await newContext(browser, problems, DESKTOP);
  const page = await context.newPage();
  await page.goto(web.url);
  await page.locator('.movie-card').first().waitFor();
  await shoot(page, 'now-playing');

  await page.goto(`${web.url}/shows/${showId}`);
  const movieLink = page.locator('.breadcrumb a').nth(1);
  await movieLink.waitFor();
  const moviePath = (await movieLink.getAttribute('href'))!;
  await page.goto(`${web.url}${moviePath}`);
  await page.locator('.showtime').first().waitFor();
  await shoot(page, 'movie');

  await page.goto(`${web.url}/shows/${showId}`);
  await page.locator('#live[data-state="live"]').waitFor();
  for (const number of [10, 11, 12]) await seat(page, 'F', number, 'premium', 'available').click();
  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.mouse.move(0, 0);
  await shoot(page, 'seat-map');

  await page.getByRole('button', { name: 'Hold 3 seats' }).click();
  await page.getByRole('heading', { name: 'Checkout' }).waitFor();
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
  const qr = page.locator('img.ticket__qr').first();
  await page.waitForFunction(
    (image) => image instanceof HTMLImageElement && image.complete && image.naturalWidth > 0,
    await qr.elementHandle(),
  );
  await page.locator('.mini-map .seat').first().waitFor();
  await shoot(page, 'confirmation', true);
  const code = (await page.locator('#booking-code').textContent())!;

  await page.goto(`${web.url}/bookings`);
  await page.getByLabel('Booking code').fill(code);
  await page.getByRole('button', { name: 'Find my bookings' }).click();
  await page.locator('.booking').first().waitFor();
  await shoot(page, 'my-bookings');
  await context.close();

  const phone = await newContext(browser, problems, PHONE);
  const small = await phone.newPage();
  await small.goto(web.url);
  await small.locator('.movie-card').first().waitFor();
  await shoot(small, 'now-playing-phone');
  await small.goto(`${web.url}/shows/${showId}`);
  await small.locator('#live[data-state="live"]').waitFor();
  await seat(small, 'G', 9, 'premium', 'available').click();
  await seat(small, 'G', 10, 'premium', 'available').click();
  await shoot(small, 'seat-map-phone');
  await phone.close();
}

async function adminPages(browser: Browser, web: WebApp, problems: PageProblems): Promise<void> {
  const context = await newContext(browser, problems, DESKTOP);
  const page = await context.newPage();
  await page.goto(`${web.url}/admin`);
  await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Start import' }).click();
  await page.locator('#import-bar[aria-valuenow="100"]').waitFor();
  await page.locator('#films tr').first().waitFor();
  await shoot(page, 'admin-import');

  await page.goto(`${web.url}/admin/shows`);
  await page.locator('#shows tr[data-show-id]').first().waitFor();
  await page.getByRole('radio', { name: 'Tomorrow' }).check();
  await page.locator('#occupancy-summary', { hasText: 'Tomorrow' }).waitFor();
  await page.locator('#shows tr[data-show-id]').first().waitFor();
  await shoot(page, 'admin-shows');

  await page.goto(`${web.url}/admin/theaters`);
  await page.getByRole('button', { name: 'Layout' }).first().click();
  await page.locator('.screen-layout .seat').first().waitFor();
  await shoot(page, 'admin-theaters', true);

  await page.goto(`${web.url}/admin/pricing`);
  await page.locator('#types tr').nth(3).waitFor();
  await shoot(page, 'admin-pricing');

  await page.goto(`${web.url}/admin/reports`);
  await page.getByLabel('Group by').selectOption('film');
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.locator('#report-head th', { hasText: 'Film' }).waitFor();
  await page.locator('#report-rows tr').first().waitFor();
  await shoot(page, 'admin-reports', true);

  // The System Monitor (a cluster of one here): Health, Election after a Ring and a Bully round, Clocks, a held lock.
  await page.goto(`${web.url}/admin/system`);
  await page.getByText('leader node 1').first().waitFor();
  await page.locator('#nodes tr[data-node="1"]', { hasText: 'up' }).waitFor();
  await shoot(page, 'admin-system-health');
  await page.getByRole('tab', { name: 'Election' }).click();
  await page.getByRole('button', { name: 'Start a Ring election' }).click();
  await page.locator('#elections tr', { hasText: 'Ring' }).first().waitFor();
  await page.getByRole('button', { name: 'Start a Bully election' }).click();
  await page.getByText('Bully election started').waitFor();
  // The newest round on top is the Bully one just started.
  await page.waitForFunction(() => document.querySelector('#elections tr td:nth-child(4)')?.textContent === 'Bully');
  await shoot(page, 'admin-system-election');
  await page.getByRole('tab', { name: 'Clocks' }).click();
  await page.getByText(/Last Berkeley round by node 1/).waitFor();
  await shoot(page, 'admin-system-clocks');
  const held = await fetch(`${web.url}/api/cluster/mutex`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    body: JSON.stringify({ resource: 'maintenance', holdMs: 3_000 }),
  });
  if (held.status !== 202) throw new Error(`POST /api/cluster/mutex answered ${held.status}`);
  await page.getByRole('tab', { name: 'Mutual exclusion' }).click();
  await page.locator('tr[data-lock="maintenance"]').waitFor();
  await shoot(page, 'admin-system-mutex');
  await context.close();
}

/** The door page after a ticket was let in: a booking of three, two scanned before, the third typed. */
async function doorPage(browser: Browser, web: WebApp, problems: PageProblems): Promise<void> {
  const shows = await web.app.get(ShowQueryService).list();
  const next = shows.find((show) => new Date(show.startsAt).getTime() > Date.now() + 3_600_000)!;
  const { booking } = await web.app.get(BookingService).book({
    showId: next.id,
    count: 3,
    customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
  });
  const { tickets } = await web.app.get(TicketService).forBooking(booking.code);
  for (const ticket of tickets.slice(0, 2)) {
    const answer = await fetch(`${web.url}/api/door/check-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${DOOR_TOKEN}` },
      body: JSON.stringify({ code: ticket.code, showId: next.id, door: 'main' }),
    });
    if (answer.status !== 200) throw new Error(`POST /api/door/check-in answered ${answer.status}`);
  }
  const context = await newContext(browser, problems, DESKTOP);
  const page = await context.newPage();
  await page.goto(`${web.url}/door`);
  await page.getByLabel('Door token').fill(DOOR_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel(/^Show id/).fill(String(next.id));
  await page.getByLabel(/^Show id/).dispatchEvent('change');
  await page.getByLabel('Ticket code').fill(tickets[2].code);
  await page.getByRole('button', { name: 'Check in' }).click();
  await page.locator('#door-result[data-result="admitted"]').waitFor();
  await page.locator('#door-count', { hasText: / 3 \/ \d+ admitted/ }).waitFor();
  await shoot(page, 'door');
  await context.close();
}

const DOOR_TOKEN = 'door-staff-token-0123456789';

/** The waiting room of a hot on-sale: 40 customers ahead at one admission a minute. */
async function waitingRoomPage(browser: Browser, web: WebApp, showId: number, problems: PageProblems): Promise<void> {
  await web.app
    .get(QueueSettingsService)
    .put(showId, { mode: 'always', onSaleAt: null, admissionRatePerMin: 1, pickWindowSeconds: 300 });
  const room = web.app.get(WaitingRoomService);
  for (let index = 0; index < 40; index++)
    await room.join(showId, `visitor-screenshot-${String(index).padStart(6, '0')}`, `fan${index}@example.com`);
  for (const [size, name] of [
    [DESKTOP, 'waiting-room'],
    [PHONE, 'waiting-room-phone'],
  ] as const) {
    const context = await newContext(browser, problems, size);
    const page = await context.newPage();
    await page.goto(`${web.url}/shows/${showId}`);
    await page.waitForURL(`**/shows/${showId}/queue`);
    await page.getByLabel('Email').fill(name === 'waiting-room' ? 'ada@example.com' : 'grace@example.com');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await page.locator('#live[data-state="live"]').waitFor();
    await shoot(page, name);
    await context.close();
  }
  await web.app
    .get(QueueSettingsService)
    .put(showId, { mode: 'off', onSaleAt: null, admissionRatePerMin: 1, pickWindowSeconds: 300 });
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const fake = await FakeTmdbServer.start();
  const web = await startWebApp('sqlite', {
    SEED_ON_EMPTY: 'true',
    TMDB_BASE_URL: fake.url,
    TMDB_API_KEY: FAKE_TMDB_API_KEY,
    LOG_LEVEL: 'warn',
    // The door picture lets in a ticket of the next show, whenever the script runs.
    DOOR_TOKEN,
    DOOR_OPENS_MINUTES: '1440',
  });
  let browser: Browser | undefined;
  const problems = new PageProblems();
  try {
    const showId = await liveliness(web);
    browser = await launchChromium();
    await customerPages(browser, web, showId, problems);
    await adminPages(browser, web, problems);
    await doorPage(browser, web, problems);
    await waitingRoomPage(browser, web, showId, problems);
  } finally {
    await browser?.close();
    await web.close();
    await fake.close();
  }
  if (problems.problems.length) throw new Error(`the pages logged errors:\n${problems.problems.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
