import request from 'supertest';
import { BookingService } from '@app/booking';
import { makeMovie, makeShow, uniqueTag } from '../support/factories';
import { newContext, seat, textOf, WAIT_MS, useBrowserSession } from './support/browser';

jest.setTimeout(180_000);

/** Front rows with wheelchair spaces and an aisle, premium rows at the back. */
const LAYOUT = ['ww_ssss_ww', 'sss_ssss_sss', 'sss_ssss_sss', 'ppp_pppp_ppp'];
const customer = { name: 'Ada Lovelace', email: 'ada@example.com' };

describe('customer pages in Chromium (SQLite)', () => {
  const session = useBrowserSession('sqlite');

  it('browses, picks seats, holds them with a countdown, checks out and shows the ticket with a QR code', async () => {
    const title = `Night Train ${uniqueTag()}`;
    const movie = await makeMovie(session.web.app, {
      title,
      genres: ['Drama', 'Mystery'],
      runtimeMin: 125,
      posterPath: '/unreachable-poster.jpg',
      overview: 'A long night.',
    });
    const { show } = await makeShow(session.web.app, {
      movie,
      layout: LAYOUT,
      priceCents: 1_100,
      premiumPriceCents: 1_600,
    });
    const page = await session.context.newPage();

    // Now playing: search by title; the poster cannot load here, so its placeholder shows.
    await page.goto(session.web.url);
    await page.getByLabel('Search by title').fill(title.split(' ').pop()!);
    const card = page.getByRole('link', { name: new RegExp(title) });
    await card.waitFor();
    expect(await card.textContent()).toContain('2 h 05 min · Drama, Mystery');
    await card.locator('.poster.poster--missing').waitFor();
    expect(await page.locator('.movie-card').count()).toBe(1);
    await card.click();

    // Movie page: details and showtimes by day and theater with seats left.
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const showtime = page.getByRole('link', { name: /seats left, from €11\.00$/ });
    expect(await showtime.getAttribute('aria-label')).toMatch(/^\d\d:\d\d, Screen .+, 38 seats left, from €11\.00$/);
    await showtime.click();

    // Show page: the screen, lettered rows, seats by kind, the legend with prices.
    await page.waitForURL(`**/shows/${show.id}`);
    await page.locator('#live[data-state="live"]').waitFor();
    expect(await page.locator('.seat-grid button.seat').count()).toBe(38);
    expect(await page.locator('.screen').textContent()).toBe('Screen');
    expect(await page.locator('.seat-grid .row-label').allTextContents()).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
    ]);
    await seat(page, 'A', 1, 'wheelchair space', 'available').waitFor();
    expect(await page.locator('#legend').textContent()).toMatch(
      /Standard€11\.00.*Premium€16\.00.*Wheelchair space€11\.00/,
    );

    await seat(page, 'D', 5, 'premium', 'available').click();
    await seat(page, 'D', 6, 'premium', 'available').click();
    await seat(page, 'D', 6, 'premium', 'selected').click(); // unselect
    await seat(page, 'C', 5, 'standard', 'available').click();
    expect(await seat(page, 'D', 5, 'premium', 'selected').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#total').textContent()).toBe('€27.00');

    await page.getByLabel('Name').fill(customer.name);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByRole('button', { name: 'Hold 2 seats' }).click();

    // Checkout: a visible countdown; the held seats are the customer's on the map.
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    expect(await page.getByRole('timer').textContent()).toMatch(/^[45]:\d\d$/);
    await seat(page, 'D', 5, 'premium', 'your seat').waitFor();
    expect(await page.locator('#held-seats').textContent()).toMatch(/C5.*D5/);

    // Changing seats releases the hold and keeps the seats selected; holding again works.
    await page.getByRole('button', { name: 'Change seats' }).click();
    await seat(page, 'D', 5, 'premium', 'selected').waitFor();
    expect(await page.locator('#selection').textContent()).toMatch(/C5.*D5/);
    await page.getByRole('button', { name: 'Hold 2 seats' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByRole('button', { name: 'Confirm booking' }).click();

    // Confirmation with the booking code and the e-tickets' QR codes.
    await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
    const code = (await page.locator('#booking-code').textContent())!;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(page.url()).toBe(`${session.web.url}/bookings/${code}`);
    expect(await page.locator('.confirmation').textContent()).toContain('2 seats booked: C5, D5.');
    // One QR code per seat, each drawn.
    for (const label of ['C5', 'D5']) {
      const qr = page.getByRole('img', { name: `QR code of the ticket for seat ${label}` });
      await qr.waitFor();
      await page.waitForFunction(
        (image) => image instanceof HTMLImageElement && image.complete && image.naturalWidth > 0,
        await qr.elementHandle(),
        { timeout: WAIT_MS },
      );
    }
    expect(await page.locator('.mini-map .seat.is-yours').count()).toBe(2);

    const booking = await session.web.app.get(BookingService).get(code, customer.email);
    expect(booking).toMatchObject({ showId: show.id, state: 'confirmed', total: 2_700 });
    expect(booking.seats.map((s) => s.label).sort()).toEqual(['C5', 'D5']);
  });

  it('books the best seats by count and shows them', async () => {
    const { show } = await makeShow(session.web.app, { layout: LAYOUT });
    const page = await session.context.newPage();
    await page.goto(`${session.web.url}/shows/${show.id}`);
    await page.locator('#live[data-state="live"]').waitFor();
    await page.getByRole('radio', { name: 'Best seats' }).check();
    await page.getByLabel('Number of seats').fill('3');
    await page.getByLabel('Name').fill('Grace Hopper');
    await page.getByLabel('Email').fill('grace@example.com');
    await page.getByRole('button', { name: 'Book 3 best seats' }).click();
    await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
    const text = await textOf(page.locator('.confirmation'), /We picked the best 3 seats for you: /);
    const labels = /for you: ([A-Z0-9, ]+)\./.exec(text)![1].split(', ');
    expect(labels).toHaveLength(3);
    expect(new Set(labels.map((label) => label[0])).size).toBe(1); // side by side in one row
    expect(await page.locator('.mini-map .seat.is-yours').count()).toBe(3);
    expect(await page.locator('.seat-chips li').allTextContents()).toEqual(labels);
  });

  it('finds bookings by email and code and cancels one; its seats go back on sale', async () => {
    const { show } = await makeShow(session.web.app, { layout: LAYOUT });
    const { booking } = await session.web.app.get(BookingService).book({ showId: show.id, count: 2, customer });
    const page = await session.context.newPage();
    await page.goto(`${session.web.url}/bookings`);
    await page.getByLabel('Email').fill(customer.email.toUpperCase());
    await page.getByLabel('Booking code').fill(booking.code.toLowerCase());
    await page.getByRole('button', { name: 'Find my bookings' }).click();
    const item = page.getByRole('listitem').filter({ has: page.getByText(booking.code, { exact: true }) });
    await item.waitFor();
    expect(await item.locator('.badge').textContent()).toBe('Confirmed');
    await item.getByRole('button', { name: 'Cancel booking' }).click();
    await item.getByRole('button', { name: 'Yes, cancel it' }).click();
    expect(await textOf(page.getByRole('status'), /cancelled/)).toBe(
      `Booking ${booking.code} is cancelled: 2 seats released.`,
    );
    await page
      .getByRole('listitem')
      .filter({ has: page.getByText(booking.code, { exact: true }) })
      .locator('.badge', { hasText: 'Cancelled' })
      .waitFor();
    expect((await session.web.app.get(BookingService).get(booking.code, customer.email)).state).toBe('cancelled');
    const map = await request(session.web.app.app.getHttpServer()).get(`/api/shows/${show.id}/seats`).expect(200);
    expect(map.body.available).toBe(38);
  });

  it('answers an unknown page with the not-found page and an unknown show with a message', async () => {
    session.problems.allowFailedRequest(/\/no-such-page$/).allowFailedRequest(/\/api\/shows\/2000000000(\/seats)?$/);
    const page = await session.context.newPage();
    const response = await page.goto(`${session.web.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.goto(`${session.web.url}/shows/2000000000`);
    await page.getByRole('heading', { name: 'Show not found' }).waitFor();
  });

  it('is readable at phone width: the seat map fits or scrolls inside its card', async () => {
    const { show } = await makeShow(session.web.app, { layout: LAYOUT });
    const phone = await newContext(session.browser, session.problems, { width: 390, height: 844 });
    try {
      const page = await phone.newPage();
      await page.goto(`${session.web.url}/shows/${show.id}`);
      await seat(page, 'B', 1, 'standard', 'available').click();
      await page.getByRole('button', { name: 'Hold 1 seat' }).waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await phone.close();
    }
  });
});
