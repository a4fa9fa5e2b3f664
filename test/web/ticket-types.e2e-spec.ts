import { BookingService } from '@app/booking';
import { priceTheater } from '../support/booking-fixtures';
import { makeShow } from '../support/factories';
import { seat, useBrowserSession } from './support/browser';

jest.setTimeout(180_000);

/** A wheelchair space with its companion seat in front, standard rows, premium at the back. */
const LAYOUT = ['ws_ssss', 'ss_ssss', 'pp_pppp'];
const customer = { name: 'Ada Lovelace', email: 'ada@example.com' };

describe('ticket types on the seat page in Chromium (SQLite)', () => {
  const session = useBrowserSession('sqlite');

  /** A show whose theater sells Adult 1,200 and Child 800 cents, premium seats +300. */
  async function pricedShow() {
    const made = await makeShow(session.web.app, { layout: LAYOUT });
    await priceTheater(session.web.app, { theaterId: made.theaterId });
    return made;
  }

  it('sets two adults and a child on premium seats, sees the right total, and books it', async () => {
    const { show } = await pricedShow();
    const page = await session.context.newPage();
    await page.goto(`${session.web.url}/shows/${show.id}`);
    await page.locator('#live[data-state="live"]').waitFor();
    expect(await page.locator('.show-head__prices').textContent()).toBe(
      'Adult €12.00 · Child €8.00 · premium seats +€3.00',
    );
    for (const number of [3, 4, 5]) await seat(page, 'C', number, 'premium', 'available').click();
    expect(await page.locator('#total').textContent()).toBe('€45.00');
    await page.getByLabel('Ticket type for seat C5').selectOption({ label: 'Child · €11.00' });
    expect(await page.locator('#total').textContent()).toBe('€41.00');

    await page.getByLabel('Name').fill(customer.name);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByRole('button', { name: 'Hold 3 seats' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    expect(await page.locator('#held-total').textContent()).toBe('€41.00');
    // In checkout the type can still change: the server answers the new total.
    await page.getByLabel('Ticket type for seat C3').selectOption({ label: 'Child · €11.00' });
    await page.locator('#held-total', { hasText: '€37.00' }).waitFor();
    await page.getByLabel('Ticket type for seat C3').selectOption({ label: 'Adult · €15.00' });
    await page.locator('#held-total', { hasText: '€41.00' }).waitFor();
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
    const code = (await page.locator('#booking-code').textContent())!;
    const booking = await session.web.app.get(BookingService).get(code, customer.email);
    expect(booking.total).toBe(4100);
    expect(booking.seats.map((s) => `${s.label} ${s.ticketType?.name} ${s.priceCents}`)).toEqual([
      'C3 Adult 1500',
      'C4 Adult 1500',
      'C5 Child 1100',
    ]);
  });

  it('offers the companion seat of a wheelchair space and holds both together', async () => {
    const { show } = await pricedShow();
    const page = await session.context.newPage();
    await page.goto(`${session.web.url}/shows/${show.id}`);
    await page.locator('#live[data-state="live"]').waitFor();
    await seat(page, 'A', 1, 'wheelchair space', 'available').click();
    await page.getByRole('button', { name: '+ Companion seat A2' }).click();
    await seat(page, 'A', 2, 'standard', 'selected').waitFor();
    expect(await page.getByRole('button', { name: /Companion seat/ }).count()).toBe(0);
    await page.getByLabel('Name').fill(customer.name);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByRole('button', { name: 'Hold 2 seats' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    expect(await page.locator('#held-seats').textContent()).toMatch(/A1.*A2/);
    expect(await page.locator('#held-total').textContent()).toBe('€24.00');
  });
});
