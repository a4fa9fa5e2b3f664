import { BookingService } from '@app/booking';
import { ShowQueryService } from '@app/catalog';
import { dayKeyOf } from './support/days';
import { makeMovie, makeScreen, makeShow, uniqueTag } from '../support/factories';
import {
  berlinStart,
  FAKE_SHOWTIMES_API_KEY,
  fakeCinema,
  fakeMovie,
  FakeShowtimesServer,
  fakeShowtime,
} from '../support/fake-showtimes-server';
import { FAKE_TMDB_API_KEY, FakeTmdbServer } from '../support/fake-tmdb-server';
import { signIn, textOf, WAIT_MS, useBrowserSession } from './support/browser';

jest.setTimeout(180_000);

/** The cinema the fake showtimes API serves (decimal, like the API's ids). */
const CINEMA_ID = '4471';

describe('admin pages in Chromium (SQLite, fake TMDB and showtimes API)', () => {
  let fake: FakeTmdbServer;
  let showtimes: FakeShowtimesServer;

  beforeAll(async () => {
    fake = await FakeTmdbServer.start();
    showtimes = await FakeShowtimesServer.start();
  });
  const session = useBrowserSession('sqlite', () => ({
    SHOWTIMES_BASE_URL: showtimes.url,
    SHOWTIMES_API_KEY: FAKE_SHOWTIMES_API_KEY,
    SHOWTIMES_CINEMA_IDS: CINEMA_ID,
    SHOWTIMES_REFRESH_HOURS: '0',
    TMDB_BASE_URL: fake.url,
    TMDB_API_KEY: FAKE_TMDB_API_KEY,
    TMDB_TIMEOUT_MS: '5000',
    TMDB_MAX_RETRIES: '2',
  }));
  afterAll(async () => {
    await fake?.close();
    await showtimes?.close();
  });
  beforeEach(async () => {
    fake.reset();
  });

  it('imports the catalogue with a progress bar that follows the job to 100%', async () => {
    // TMDB asks to wait a second before page 2: the job is seen half-way.
    fake.fault('/movie/now_playing?page=2', { kind: 'rate-limit', retryAfterSeconds: 1 });
    const page = await session.context.newPage();
    await signIn(page, `${session.web.url}/admin`);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const bar = document.getElementById('import-bar')!;
      new MutationObserver(() => seen.push(bar.getAttribute('aria-valuenow')!)).observe(bar, {
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    await page.getByLabel(/Pages/).fill('2');
    await page.getByRole('button', { name: 'Start import' }).click();

    const bar = page.getByRole('progressbar', { name: 'Import from TMDB' });
    await page.locator('#import-bar[aria-valuenow="100"]').waitFor({ timeout: WAIT_MS });
    expect(await bar.getAttribute('aria-valuetext')).toBe('100%, 40 of 40 steps');
    expect(await textOf(page.getByRole('status'), /Import finished/)).toBe(
      'Import finished: 37 films from 2 pages (37 new, 0 updated).',
    );
    const seen = (await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).map(
      Number,
    );
    expect(seen.some((value) => value > 0 && value < 100)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b)); // never goes back
    await page.locator('#films-count', { hasText: '37 films' }).waitFor();
    expect(await page.locator('#films tr').count()).toBe(37);
  });

  it('imports cinemas and showtimes from the button, follows the job, and the film page shows them with attributes', async () => {
    const film = await makeMovie(session.web.app, { runtimeMin: 100, title: `Kinofilm ${uniqueTag()}` });
    showtimes.cinemas = [fakeCinema(CINEMA_ID, 'Kino am Park')];
    showtimes.movies = [fakeMovie('77', film.tmdbId, film.title)];
    showtimes.showtimes = [
      fakeShowtime('9001', CINEMA_ID, '77', berlinStart(1, '18:00')),
      fakeShowtime('9002', CINEMA_ID, '77', berlinStart(1, '21:00'), {
        language: 'en',
        subtitle_language: 'de',
        is_3d: true,
        attributes: ['OV'],
      }),
    ];
    // The API asks to wait a second before the showtimes: the job is seen half-way.
    showtimes.fault('showtimes', { kind: 'rate-limit', retryAfterSeconds: 1 });
    const page = await session.context.newPage();
    await signIn(page, `${session.web.url}/admin`);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const bar = document.getElementById('showtimes-bar')!;
      new MutationObserver(() => seen.push(bar.getAttribute('aria-valuenow')!)).observe(bar, {
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    await page.getByRole('button', { name: 'Import showtimes' }).click();
    await page.locator('#showtimes-bar[aria-valuenow="100"]').waitFor({ timeout: WAIT_MS });
    expect(await textOf(page.locator('#showtimes-text'), /Showtimes import finished/)).toBe(
      'Showtimes import finished: 1 cinema (1 new, 0 gone upstream); 1 new screen; 2 new shows, 0 updated, 0 removed.',
    );
    const seen = (await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).map(
      Number,
    );
    expect(seen.some((value) => value > 0 && value < 100)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const row = page.locator(`#cinemas tr[data-source-id="${CINEMA_ID}"]`);
    await row.waitFor();
    expect(await row.textContent()).toBe(
      `Kino am ParkTeststraße ${CINEMA_ID}, 10115 Berlin, GermanySaal 1${CINEMA_ID}`,
    );

    await page.goto(`${session.web.url}/movies/${film.id}`);
    const list = page.getByRole('list', { name: new RegExp(`^Kino am Park, `) });
    await list.waitFor();
    const times = list.getByRole('link');
    expect(await times.count()).toBe(2);
    // The cinema is in Berlin: its showtimes are on Berlin's clock, though the pages' default
    // zone (CINEMA_TIME_ZONE) is UTC here.
    expect(await times.nth(0).getAttribute('aria-label')).toBe('18:00, Saal 1, German, 140 seats left, from €12.00');
    expect(await times.nth(1).getAttribute('aria-label')).toBe(
      '21:00, Saal 1, 3D, OV, English, German subtitles, 140 seats left, from €12.00',
    );
    expect(await list.locator('xpath=preceding-sibling::p[1]').textContent()).toMatch(
      /^Local time, Europe\/Berlin \((CET|CEST|GMT\+1|GMT\+2)\)$/,
    );
    await times.nth(1).click();
    const tags = page.getByRole('list', { name: 'Presentation' });
    await tags.waitFor();
    expect(await tags.getByRole('listitem').allTextContents()).toEqual(['3D', 'OV', 'English', 'German subtitles']);
    expect(await page.locator('.show-head__when time').textContent()).toMatch(/ · 21:00 (CET|CEST|GMT\+1|GMT\+2)$/);
  });

  it('shows occupancy, refuses to remove a show with bookings with a clear message, removes one without', async () => {
    const screen = await makeScreen(session.web.app, { layout: ['ssss', 'ssss'], name: `Room ${uniqueTag()}` });
    const day = Date.now() + 3 * 86_400_000;
    const at = (hour: number) => new Date(Math.floor(day / 86_400_000) * 86_400_000 + hour * 3_600_000);
    const sold = await makeShow(session.web.app, { screenId: screen.id, startsAt: at(14) });
    const unsold = await makeShow(session.web.app, { screenId: screen.id, startsAt: at(18) });
    await session.web.app
      .get(BookingService)
      .book({ showId: sold.show.id, count: 3, customer: { name: 'Ada', email: 'ada@example.com' } });

    const page = await session.context.newPage();
    await signIn(page, `${session.web.url}/admin/shows`);
    await page.getByRole('radio', { name: new RegExp(`^${dayKeyOf(at(14)).label}$`) }).check();
    const soldRow = page.locator(`tr[data-show-id="${sold.show.id}"]`);
    await soldRow.waitFor();
    expect(await soldRow.getByRole('img').getAttribute('aria-label')).toBe('3 of 8 seats sold, 0 held');
    expect(await soldRow.locator('.occupancy__text').textContent()).toBe('3 / 8');

    session.problems.allowFailedRequest(new RegExp(`/api/admin/shows/${sold.show.id}$`));
    await soldRow.getByRole('button', { name: /^Remove show / }).click();
    expect(await textOf(page.getByRole('status'), /cannot be removed/)).toMatch(
      /^Film \w+ at 14:00 cannot be removed: it has bookings \(3 seats sold\)\. Customers must cancel first\.$/,
    );
    expect(await soldRow.count()).toBe(1);

    await page
      .locator(`tr[data-show-id="${unsold.show.id}"]`)
      .getByRole('button', { name: /^Remove show / })
      .click();
    expect(await textOf(page.getByRole('status'), /Show removed/)).toContain('18:00');
    await page.locator(`tr[data-show-id="${unsold.show.id}"]`).waitFor({ state: 'detached' });
  });

  it('adds a theater, a screen from a layout with a live preview, a show, plans the coming days, and changes the layout', async () => {
    const page = await session.context.newPage();
    await signIn(page, `${session.web.url}/admin/theaters`);
    const theater = `Odeon ${uniqueTag()}`;
    await page.getByLabel('Name', { exact: true }).first().fill(theater);
    await page.getByLabel(/City/).fill('Lille');
    await page.getByRole('button', { name: 'Add theater' }).click();
    await page.getByRole('heading', { name: new RegExp(theater) }).waitFor();

    await page.getByLabel('Theater', { exact: true }).selectOption({ label: theater });
    await page.locator('#screen-name').fill('Salle 1');
    await page.getByLabel('Seat layout').fill('w_sss_w\nsssssss\nxpppp');
    expect(await textOf(page.locator('#layout-summary'), /column/)).toBe(
      'Row 3 has “x” at column 1; use s, p, w or _.',
    );
    await page.getByLabel('Seat layout').fill('w_sss_w\nsssssss\n_______\nppppppp');
    expect(await textOf(page.locator('#layout-summary'), /seats/)).toBe(
      '19 seats in 3 rows: 10 standard, 7 premium, 2 wheelchair.',
    );
    expect(await page.locator('#layout-preview .seat').count()).toBe(19);
    await page.getByRole('button', { name: 'Add screen' }).click();
    expect(await textOf(page.getByRole('status'), /Screen “Salle 1” added/)).toBe(
      `Screen “Salle 1” added to ${theater} with 19 seats.`,
    );

    // The token typed once stays for the other admin pages of the tab.
    await page.goto(`${session.web.url}/admin/shows`);
    await page.getByText('Signed in with the admin token.').waitFor();
    await page.locator('#show-movie option').first().waitFor({ state: 'attached' });
    await page.getByLabel('Film').selectOption({ index: 0 });
    await page.getByLabel('Screen').selectOption({ label: `${theater} · Salle 1 (19 seats)` });
    await page.getByLabel('Time').fill('21:30');
    await page.getByRole('button', { name: 'Add show' }).click();
    expect(await textOf(page.getByRole('status'), /Show added/)).toMatch(/at 21:30\.$/);

    await page.getByRole('spinbutton', { name: 'Days' }).fill('2');
    await page.getByRole('button', { name: 'Generate shows' }).click();
    expect(await textOf(page.getByRole('status'), /Planned/)).toMatch(
      /^Planned 2 days: \d+ shows created, \d+ unsold planned shows replaced, \d+ kept\.$/,
    );

    // The screen editor changes the layout for shows made from now on; the shows keep theirs.
    await page.goto(`${session.web.url}/admin/theaters`);
    const card = page.locator('section.theater-card', {
      has: page.getByRole('heading', { name: new RegExp(theater) }),
    });
    await card.getByRole('button', { name: 'Layout' }).click();
    await card.getByText('Edit layout').click();
    await card.getByLabel('Layout of Salle 1 (version 1)').fill('ssss\nsxss');
    await card.getByRole('button', { name: 'Save layout' }).click();
    expect(await textOf(page.getByRole('status'), /column/)).toBe('Row 2 has “x” at column 2; use s, p, w or _.');
    await card.getByLabel('Layout of Salle 1 (version 1)').fill('ssss\npppp');
    await card.getByRole('button', { name: 'Save layout' }).click();
    expect(await textOf(page.getByRole('status'), /saved/)).toBe(
      'Layout of “Salle 1” saved (version 2, 8 seats); it applies to shows created from now on.',
    );
    await card.getByText('8 seats', { exact: true }).waitFor();
    const shows = (await session.web.app.get(ShowQueryService).list()).filter((show) => show.theater.name === theater);
    expect(shows.length).toBeGreaterThan(0);
    expect(shows.every((show) => show.capacity === 19)).toBe(true);
  });
});
