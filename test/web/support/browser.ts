import { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { Browser, BrowserContext, chromium, ConsoleMessage, Locator, Page } from 'playwright-core';
import { Driver } from '../../support/env';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from '../../support/test-app';

/** Debian's Chromium (scripts/ensure-services.sh installs it); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Generous waits: these tests must pass on a loaded 2-core machine. */
export const WAIT_MS = 30_000;

/** Headless Debian Chromium, flags for a sandboxed CI machine without a network, and `extraArgs`. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (bash scripts/ensure-services.sh does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
      '--disable-component-update',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/** The app listening on a free loopback port, and its base URL. */
export interface WebApp {
  app: TestApp;
  url: string;
  close(): Promise<void>;
}

/** The whole API app (pages included) on `driver`, listening on 127.0.0.1:<free port>. */
export async function startWebApp(driver: Driver, env: Record<string, string> = {}): Promise<WebApp> {
  const app = await createTestApp(driver, env);
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/**
 * Collects every console error and uncaught page error of the pages it watches; tests end with
 * {@link PageProblems.assertNone}. Two kinds of console error are expected and may be allowed:
 * - the browser's own "Failed to load resource" line for a poster from image.tmdb.org, which this
 *   network-less machine cannot reach (the page shows its placeholder instead);
 * - the same line for an API request a test makes fail on purpose ({@link allowFailedRequest}).
 */
export class PageProblems {
  readonly problems: string[] = [];
  private readonly allowed: RegExp[] = [/^https:\/\/image\.tmdb\.org\//];

  /** Allows the browser's "Failed to load resource" error for URLs matching `url`. */
  allowFailedRequest(url: RegExp): this {
    this.allowed.push(url);
    return this;
  }

  watch(page: Page): Page {
    page.on('console', (message) => {
      if (message.type() === 'error' && !this.isAllowed(message)) {
        this.problems.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
      }
    });
    page.on('pageerror', (error) => this.problems.push(`page error on ${page.url()}: ${error.stack ?? error.message}`));
    return page;
  }

  assertNone(): void {
    expect(this.problems).toEqual([]);
  }

  private isAllowed(message: ConsoleMessage): boolean {
    const url = message.location().url;
    return message.text().startsWith('Failed to load resource') && this.allowed.some((pattern) => pattern.test(url));
  }
}

/**
 * A browser context whose pages are watched by `problems`, with generous timeouts, the cinemas'
 * time zone (UTC in tests) and no way out to the internet: TMDB posters fail at once, as offline.
 */
export async function newContext(
  browser: Browser,
  problems: PageProblems,
  options: { width?: number; height?: number } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    timezoneId: 'UTC',
    locale: 'en-GB',
  });
  context.setDefaultTimeout(WAIT_MS);
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('internetdisconnected'));
  context.on('page', (page) => problems.watch(page));
  return context;
}

/** Waits until `locator` (the first match) has text matching `text`; returns that text. */
export async function textOf(locator: Locator, text: RegExp): Promise<string> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: WAIT_MS });
  return (await locator.filter({ hasText: text }).first().textContent()) ?? '';
}

/** The seat button with the accessible name `Row F, seat 7, premium, available` (any state when `state` is omitted). */
export function seat(page: Page, row: string, number: number, kind: string, state?: string): Locator {
  const name = state
    ? `Row ${row}, seat ${number}, ${kind}, ${state}`
    : new RegExp(`^Row ${row}, seat ${number}, ${kind}, `);
  return page.getByRole('button', { name, exact: true });
}

/** The app, the browser and, per test, a fresh context whose page problems fail the test. */
export interface BrowserSession {
  web: WebApp;
  browser: Browser;
  context: BrowserContext;
  problems: PageProblems;
}

/**
 * Registers the describe block's hooks for a browser test: beforeAll starts the web app on
 * `driver` (with the environment `env()` returns, read then, so it may name servers another
 * beforeAll registered earlier has started) and Chromium; beforeEach opens a context that
 * records console errors and failed requests; afterEach closes it and fails the test on any
 * problem; afterAll stops both. Read the fields inside hooks and tests, not at describe time.
 */
export function useBrowserSession(driver: Driver, env: () => Record<string, string> = () => ({})): BrowserSession {
  const session = {} as BrowserSession;
  beforeAll(async () => {
    [session.web, session.browser] = await Promise.all([startWebApp(driver, env()), launchChromium()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.web?.close();
  });
  beforeEach(async () => {
    session.problems = new PageProblems();
    session.context = await newContext(session.browser, session.problems);
  });
  afterEach(async () => {
    await session.context?.close();
    session.problems.assertNone();
  });
  return session;
}

/** Opens an admin page and signs in with the test token, typed once: the tab keeps it for the next pages. */
export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in with the admin token.').waitFor();
}
