import { Browser, Page } from 'playwright-core';
import { HoldService } from '@app/booking';
import { makeShow } from '../support/factories';
import { launchChromium, newContext, PageProblems, seat, startWebApp, textOf, WebApp } from './support/browser';

jest.setTimeout(180_000);

const LAYOUT = ['ssss_ssss', 'ssss_ssss', 'pppp_pppp'];

/** Opens the show page and waits until its live stream is open; marks the document to detect reloads. */
async function openShow(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#live[data-state="live"]').waitFor();
  await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
}

async function notReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce === true);
}

describe('live seat maps: two customers, one seat (MariaDB)', () => {
  let web: WebApp;
  let browser: Browser;
  let problems: PageProblems;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp('mysql'), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });
  beforeEach(() => {
    problems = new PageProblems();
  });
  afterEach(() => problems.assertNone());

  it('gives the seat to the first to hold it; the other is told and sees it taken without a reload', async () => {
    const { show } = await makeShow(web.app, { layout: LAYOUT });
    const url = `${web.url}/shows/${show.id}`;
    const [alice, bob] = await Promise.all([newContext(browser, problems), newContext(browser, problems)]);
    try {
      const [a, b] = await Promise.all([alice.newPage(), bob.newPage()]);
      await Promise.all([openShow(a, url), openShow(b, url)]);

      // Both pick B3 (and Bob also B4).
      await seat(a, 'B', 3, 'standard', 'available').click();
      await seat(b, 'B', 3, 'standard', 'available').click();
      await seat(b, 'B', 4, 'standard', 'available').click();
      await seat(b, 'B', 3, 'standard', 'selected').waitFor();

      // Alice holds first.
      await a.getByLabel('Name').fill('Alice');
      await a.getByLabel('Email').fill('alice@example.com');
      await a.getByRole('button', { name: 'Hold 1 seat' }).click();
      await a.getByRole('heading', { name: 'Checkout' }).waitFor();

      // Bob's open map shows B3 held, he is told which seat, and keeps B4.
      expect(await textOf(b.getByRole('alert'), /just taken/)).toBe(
        'Seat B3 was just taken by another customer. Please choose another seat.',
      );
      const taken = seat(b, 'B', 3, 'standard', 'held');
      await taken.waitFor();
      expect(await taken.getAttribute('aria-disabled')).toBe('true');
      expect(await seat(b, 'B', 4, 'standard', 'selected').count()).toBe(1);
      expect(await b.locator('#selection').textContent()).not.toContain('B3');
      expect(await notReloaded(b)).toBe(true);

      // Pressing the taken seat does nothing (aria-disabled: forced past Playwright's check); Bob picks again.
      await taken.click({ force: true });
      expect(await b.locator('#selection').textContent()).not.toContain('B3');
      await seat(b, 'B', 5, 'standard', 'available').click();
      await b.getByLabel('Name').fill('Bob');
      await b.getByLabel('Email').fill('bob@example.com');
      await b.getByRole('button', { name: 'Hold 2 seats' }).click();
      await b.getByRole('heading', { name: 'Checkout' }).waitFor();

      // Alice books; Bob's map shows B3 booked, and Alice's shows Bob's seats held.
      await a.getByRole('button', { name: 'Confirm booking' }).click();
      await a.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
      await seat(b, 'B', 3, 'standard', 'booked').waitFor();
      await seat(b, 'B', 4, 'standard', 'your seat').waitFor();
      expect(await notReloaded(b)).toBe(true);
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  });

  it('tells a customer whose hold is refused which seats were taken, when the live update has not arrived', async () => {
    const { show, seats } = await makeShow(web.app, { layout: LAYOUT });
    // This customer's live stream is cut, so only the hold's 409 can tell them.
    problems.allowFailedRequest(new RegExp(`/api/shows/${show.id}/events$`));
    const context = await newContext(browser, problems);
    try {
      await context.route(`**/api/shows/${show.id}/events`, (route) => route.abort('connectionrefused'));
      const page = await context.newPage();
      await page.goto(`${web.url}/shows/${show.id}`);
      await seat(page, 'A', 2, 'standard', 'available').click();
      await seat(page, 'A', 3, 'standard', 'available').click();
      const a2 = seats.find((s) => s.rowLabel === 'A' && s.number === 2)!;
      await web.app.get(HoldService).hold(show.id, [a2.id], { name: 'Someone', email: 'someone@example.com' });
      problems.allowFailedRequest(new RegExp(`/api/shows/${show.id}/holds$`));
      await page.getByLabel('Name').fill('Carol');
      await page.getByLabel('Email').fill('carol@example.com');
      await page.getByRole('button', { name: 'Hold 2 seats' }).click();
      expect(await textOf(page.getByRole('alert'), /just taken/)).toBe(
        'Seat A2 was just taken by another customer. Please choose another seat.',
      );
      await seat(page, 'A', 2, 'standard', 'held').waitFor();
      await seat(page, 'A', 3, 'standard', 'selected').waitFor();
      await page.getByRole('button', { name: 'Hold 1 seat' }).click();
      await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
