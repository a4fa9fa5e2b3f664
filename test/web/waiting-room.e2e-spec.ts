import { QueueSettingsService, WaitingRoomService } from '@app/waiting-room';
import { makeShow } from '../support/factories';
import { newContext, seat, WAIT_MS, useBrowserSession } from './support/browser';

jest.setTimeout(120_000);

describe('waiting room page in Chromium (SQLite, in-process queue)', () => {
  const session = useBrowserSession('sqlite', () => ({ WAITING_ROOM_TICK_MS: '100' }));

  it('sends a customer from the seat map to the queue, shows the place live, then opens the seat map to book', async () => {
    const { show } = await makeShow(session.web.app, { layout: ['ssssss', 'ssssss'] });
    const settings = session.web.app.get(QueueSettingsService);
    // One admission per minute: the customer behind someone already waiting stays at place 2.
    await settings.put(show.id, { mode: 'always', onSaleAt: null, admissionRatePerMin: 1, pickWindowSeconds: 120 });
    const room = session.web.app.get(WaitingRoomService);
    await room.join(show.id, 'visitor-first-in-line-000', 'first@example.com');
    await room.join(show.id, 'visitor-second-in-line-00', 'second@example.com');

    const page = await session.context.newPage();
    await page.goto(`${session.web.url}/shows/${show.id}`);
    await page.waitForURL(`**/shows/${show.id}/queue`);
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    const position = page.locator('#position');
    await position.filter({ hasText: /^[23]$/ }).waitFor();
    const ahead = Number(await page.locator('#ahead').textContent());
    expect(ahead).toBe(Number(await position.textContent()) - 1);
    expect(await page.locator('#wait').textContent()).toMatch(/min/);
    const bar = page.getByRole('progressbar', { name: 'Progress through the queue' });
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
    expect(await page.locator('#position-line').getAttribute('aria-live')).toBe('polite');
    await page.locator('#live[data-state="live"]').waitFor();

    // Speed the line up: the page follows over SSE and opens the seat map by itself.
    await settings.put(show.id, { mode: 'always', onSaleAt: null, admissionRatePerMin: 600, pickWindowSeconds: 120 });
    await page.waitForURL(`**/shows/${show.id}`, { timeout: WAIT_MS });
    await page.locator('#live[data-state="live"]').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('ada@example.com');
    await seat(page, 'A', 3, 'standard', 'available').click();
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Hold 1 seat' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
  });

  it('fits a phone screen', async () => {
    const { show } = await makeShow(session.web.app, { layout: ['ssss'] });
    await session.web.app.get(QueueSettingsService).put(show.id, {
      mode: 'always',
      onSaleAt: new Date(Date.now() + 3_600_000).toISOString(),
      admissionRatePerMin: 10,
      pickWindowSeconds: 120,
    });
    const phone = await newContext(session.browser, session.problems, { width: 375, height: 740 });
    try {
      const page = await phone.newPage();
      await page.goto(`${session.web.url}/shows/${show.id}/queue`);
      await page.getByLabel('Email').fill('phone@example.com');
      await page.getByRole('button', { name: 'Join the queue' }).click();
      await page.locator('#position').filter({ hasText: 'drawn at opening' }).waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(375);
    } finally {
      await phone.close();
    }
  });
});
