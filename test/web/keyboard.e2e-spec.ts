import { Browser, Page } from 'playwright-core';
import { makeShow } from '../support/factories';
import { launchChromium, newContext, PageProblems, startWebApp, WebApp } from './support/browser';

jest.setTimeout(180_000);

/** The accessible name of the focused element: its aria-label, its label (inputs) or its text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return '';
    const label = element instanceof HTMLInputElement ? element.labels?.[0]?.textContent?.trim() : undefined;
    return element.getAttribute('aria-label') ?? label ?? element.textContent?.trim() ?? '';
  });
}

/** Presses Tab until the focused element's name matches `name` (at most `limit` times). */
async function tabTo(page: Page, name: RegExp, limit = 40): Promise<string> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const current = await focused(page);
    if (name.test(current)) return current;
  }
  throw new Error(`Tab never reached ${name}; last focus: ${await focused(page)}`);
}

describe('keyboard-only booking in Chromium (SQLite)', () => {
  let web: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp('sqlite'), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('selects seats with arrows, Space and Enter, fills the form, holds and confirms without a mouse', async () => {
    const { show } = await makeShow(web.app, { layout: ['ss_ss', 'ss_ss', 'pp_pp'] });
    const problems = new PageProblems();
    const context = await newContext(browser, problems);
    try {
      const page = await context.newPage();
      await page.goto(`${web.url}/shows/${show.id}`);
      await page.locator('#live[data-state="live"]').waitFor();

      // One tab stop for the whole map, on the first available seat.
      expect(await tabTo(page, /^Row /)).toBe('Row A, seat 1, standard, available');
      await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toBe('Row A, seat 2, standard, available');
      await page.keyboard.press('ArrowRight'); // across the aisle
      expect(await focused(page)).toBe('Row A, seat 3, standard, available');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await focused(page)).toBe('Row C, seat 3, premium, available');
      await page.keyboard.press('Space');
      expect(await focused(page)).toBe('Row C, seat 3, premium, selected');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('Row C, seat 4, premium, selected');
      await page.keyboard.press('Home');
      expect(await focused(page)).toBe('Row C, seat 1, premium, available');
      expect(await page.locator('#announce').textContent()).toBe('Seat C4 selected. 2 seats selected, total €30.00.');

      // Leaving the map and coming back lands on the last seat used.
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Pick on the map');
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('Row C, seat 1, premium, available');

      // The form, by keyboard; Enter in the email field holds the seats.
      expect(await tabTo(page, /^Name$/, 10)).toBe('Name');
      await page.keyboard.type('Kay Board');
      await page.keyboard.press('Tab');
      await page.keyboard.type('kay@example.com');
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { name: 'Checkout' }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('checkout-title');
      expect(await tabTo(page, /^Confirm booking$/, 5)).toBe('Confirm booking');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Booking confirmed' }).waitFor();
      expect(await page.locator('.seat-chips li').allTextContents()).toEqual(['C3', 'C4']);
      problems.assertNone();
    } finally {
      await context.close();
    }
  });
});
