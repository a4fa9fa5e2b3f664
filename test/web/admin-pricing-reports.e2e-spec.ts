import { readFileSync } from 'node:fs';
import { BookingService } from '@app/booking';
import { PricingService } from '@app/pricing';
import { makeShow, uniqueTag } from '../support/factories';
import { signIn, useBrowserSession } from './support/browser';

jest.setTimeout(180_000);

describe('admin pricing and sales report pages in Chromium (SQLite)', () => {
  const session = useBrowserSession('sqlite');

  it('edits ticket types and surcharges, then reports what a booking sold with a chart and a CSV', async () => {
    const made = await makeShow(session.web.app, { layout: ['ssssssssss', 'pppppppppp'] });
    const page = await session.context.newPage();
    await signIn(page, `${session.web.url}/admin/pricing?theater=${made.theaterId}`);

    await page.getByLabel('Price of Adult').fill('12.00');
    await page.getByRole('button', { name: 'Save Adult' }).click();
    await page.getByText('Saved Adult.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Child');
    await page
      .getByLabel(/^Price/)
      .last()
      .fill('8');
    await page.getByRole('button', { name: 'Add ticket type' }).click();
    await page.getByText('Added Child.').waitFor();
    await page.getByLabel('Premium seats').fill('3.00');
    await page.getByRole('button', { name: 'Save premium surcharge' }).click();
    await page.getByText('Premium seats: +€3.00.').waitFor();
    const pricing = await session.web.app.get(PricingService).view(made.theaterId);
    expect(pricing.ticketTypes.map((type) => [type.name, type.priceCents])).toEqual([
      ['Adult', 1200],
      ['Child', 800],
    ]);
    expect(pricing.surcharges).toEqual([{ kind: 'premium', surchargeCents: 300 }]);

    const [adult, child] = pricing.ticketTypes;
    const premium = made.seats.filter((seat) => seat.kind === 'premium').slice(0, 3);
    await session.web.app.get(BookingService).book({
      showId: made.show.id,
      seatIds: premium.map((seat) => seat.id),
      ticketTypeIds: [adult.id, adult.id, child.id],
      customer: { name: `Ada ${uniqueTag()}`, email: 'ada@example.com' },
    });

    await page.goto(`${session.web.url}/admin/reports`);
    await page.getByRole('button', { name: 'Show report' }).click();
    const row = page.locator('#report-rows tr', { hasText: made.movie.title });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells).toEqual(['1', '3 / 20', '15.0 %', '2 · €30.00', '1 · €11.00', '€41.00', '0']);
    expect(await page.locator('#report-head th').allTextContents()).toEqual([
      'Show',
      'Shows',
      'Sold',
      'Occupancy',
      'Adult',
      'Child',
      'Revenue',
      'Check-ins',
    ]);
    // Chart.js (served from node_modules by this node) drew on the canvas.
    expect(await page.evaluate(() => typeof (globalThis as { Chart?: unknown }).Chart)).toBe('function');
    const drawn = await page.locator('#report-chart').evaluate((canvas: HTMLCanvasElement) =>
      canvas
        .getContext('2d')!
        .getImageData(0, 0, canvas.width, canvas.height)
        .data.some((value) => value !== 0),
    );
    expect(drawn).toBe(true);

    await page.getByLabel('Group by').selectOption('film');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.locator('#report-head th', { hasText: 'Film' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sales-by-film-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      'film,label,shows,capacity,seats_sold,occupancy,revenue_cents,tickets Adult,revenue_cents Adult,tickets Child,revenue_cents Child,check_ins',
    );
    expect(csv).toContain(`${made.movie.id},${made.movie.title},1,20,3,0.15,4100,2,3000,1,1100,0`);
  });
});
