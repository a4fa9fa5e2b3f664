import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BookingService, TicketService, TicketView } from '@app/booking';
import { seatedShow } from '../support/booking-fixtures';
import { writeQrVideo } from './support/fake-camera';
import { launchChromium, newContext, PageProblems, startWebApp, WebApp } from './support/browser';

jest.setTimeout(120_000);

const DOOR_TOKEN = 'door-staff-token-0123456789';

/** Signs in at /door with the door token and sets the door's show. */
async function openDoor(page: Page, url: string, showId: number): Promise<void> {
  await page.goto(`${url}/door`);
  await page.getByLabel('Door token').fill(DOOR_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel(/^Show id/).fill(String(showId));
  await page.getByLabel(/^Show id/).dispatchEvent('change');
}

/** The result panel once it says `result`; its text. */
async function resultOf(page: Page, result: string): Promise<string> {
  const panel = page.locator(`#door-result[data-result="${result}"]`);
  await panel.waitFor();
  return (await panel.textContent()) ?? '';
}

describe('door page in Chromium (SQLite, a fake camera showing a ticket QR code)', () => {
  let web: WebApp;
  let browser: Browser | undefined;
  let dir: string;
  let tickets: TicketView[];
  let showId: number;
  const problems = new PageProblems();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marquee-door-'));
    web = await startWebApp('sqlite', { DOOR_TOKEN });
    const fixture = await seatedShow(web.app, { startsInMs: 30 * 60_000 });
    showId = fixture.show.id;
    const { booking } = await web.app.get(BookingService).book({
      showId,
      seatIds: ['A1', 'A2', 'C3'].map((label) => fixture.byLabel(label).id),
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
    });
    tickets = (await web.app.get(TicketService).forBooking(booking.code)).tickets;
    const video = join(dir, 'ticket.y4m');
    await writeQrVideo(video, tickets[0].code);
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('admits the ticket the camera sees, then answers typed codes: admitted, already admitted, forged', async () => {
    const context = await newContext(browser!, problems);
    await context.grantPermissions(['camera']);
    const page = await context.newPage();
    await openDoor(page, web.url, showId);
    await page.locator('#door-count', { hasText: '0 / 3 admitted' }).waitFor();

    await page.getByRole('button', { name: 'Start camera' }).click();
    const scanned = await resultOf(page, 'admitted');
    expect(scanned).toContain(`Seat ${tickets[0].seat.label}`);
    expect(scanned).toMatch(/Admitted/);
    const decoder = await page.evaluate(() => document.body.dataset.decoder);
    const hasDetector = await page.evaluate(() => 'BarcodeDetector' in window);
    // Debian's Chromium has no BarcodeDetector on Linux: the page fell back to jsQR.
    console.log(`door page decoded the fake camera with ${decoder} (BarcodeDetector present: ${hasDetector})`);
    expect(decoder).toBe(hasDetector ? 'BarcodeDetector' : 'jsQR');
    await page.locator('#door-count', { hasText: '1 / 3 admitted' }).waitFor();
    const answeredMs = Number(await page.locator('#door-result [data-ms]').getAttribute('data-ms'));
    expect(answeredMs).toBeLessThan(200);
    await page.getByRole('button', { name: 'Stop camera' }).click();

    const typed = async (code: string) => {
      await page.evaluate(() => delete document.querySelector<HTMLElement>('#door-result')!.dataset.result);
      await page.getByLabel('Ticket code').fill(code);
      await page.getByRole('button', { name: 'Check in' }).click();
    };
    await typed(tickets[2].code.toLowerCase());
    expect(await resultOf(page, 'admitted')).toContain(`Seat ${tickets[2].seat.label} · Adult`);
    await typed(tickets[0].code);
    expect(await resultOf(page, 'already_admitted')).toMatch(/Already admitted.*door “main”/);
    const forged = tickets[1].code.slice(0, -1) + (tickets[1].code.endsWith('A') ? 'B' : 'A');
    await typed(forged);
    expect(await resultOf(page, 'forged')).toContain('Forged ticket');
    await page.locator('#door-count', { hasText: '2 / 3 admitted' }).waitFor();

    const stored = (await web.app.get(TicketService).forBooking(tickets[0].code.split(':')[1])).tickets;
    expect(stored.map((ticket) => ticket.admittedAt !== null)).toEqual([true, false, true]);
    await context.close();
    problems.assertNone();
  });
});
