import { Page } from 'playwright-core';
import { QueueSettingsService, WaitingRoomService } from '@app/waiting-room';
import { makeShow } from '../support/factories';
import { TEST_ADMIN_TOKEN } from '../support/test-app';
import { WAIT_MS, useBrowserSession } from './support/browser';

jest.setTimeout(180_000);

/**
 * The System Monitor's six tabs in Chromium, against one listening node (a cluster of one: it
 * leads, runs Berkeley rounds and grants cluster locks itself), live over Server-Sent Events.
 */
describe('System Monitor in Chromium', () => {
  let page: Page;

  const session = useBrowserSession('sqlite');
  beforeEach(async () => {
    page = await session.context.newPage();
    await page.goto(`${session.web.url}/admin/system`);
    await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('leader node 1').first().waitFor({ timeout: WAIT_MS });
  });

  /** Asks the node to hold the cluster lock `resource` for `holdMs` once granted (it answers at once). */
  const holdLock = (resource: string, holdMs: number) =>
    fetch(`${session.web.url}/api/cluster/mutex`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ resource, holdMs }),
    });
  const tab = (name: string) => page.getByRole('tab', { name });
  const panel = (name: string) => page.getByRole('tabpanel', { name });

  it('shows Health first and moves between the tabs by click and by arrow keys', async () => {
    expect(await page.getByRole('tab').allTextContents()).toEqual([
      'Health',
      'Clocks',
      'Election',
      'Mutual exclusion',
      'Replication',
      'Load balancing',
      'Waiting room',
    ]);
    await expectSelected('Health');
    const node = panel('Health').locator('tr[data-node="1"]');
    await node.getByText('up').waitFor();
    await node.getByText('leader').waitFor();
    await node.getByText('this node').waitFor();

    await tab('Health').focus();
    await page.keyboard.press('ArrowRight');
    await expectSelected('Clocks');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expectSelected('Waiting room');
    await tab('Replication').click();
    await expectSelected('Replication');
    await panel('Replication').getByText('One database server, no replication configured').waitFor();
  });

  it('Waiting room: each queued show with its queue length, arrivals, admissions and rate', async () => {
    const { show } = await makeShow(session.web.app, { layout: ['ssss'] });
    await session.web.app.get(QueueSettingsService).put(show.id, {
      mode: 'always',
      onSaleAt: new Date(Date.now() + 3_600_000).toISOString(),
      admissionRatePerMin: 42,
      pickWindowSeconds: 120,
    });
    const room = session.web.app.get(WaitingRoomService);
    for (const n of [1, 2, 3]) await room.join(show.id, `visitor-monitor-000000${n}`, `m${n}@example.com`);
    await tab('Waiting room').click();
    const row = panel('Waiting room').locator(`tr[data-show="${show.id}"]`);
    await row.getByText('always (before on-sale)').waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['always (before on-sale)', '3', '3', '0 (42)', '—']);
  });

  it('Clocks: the Lamport and vector clocks live, and the Berkeley offset of the last round', async () => {
    await tab('Clocks').click();
    // A cluster of one sends no messages: take the cluster lock so its clocks have events to count.
    const hold = () => holdLock('clock-events', 1);
    expect((await hold()).status).toBe(202);
    const row = panel('Clocks').locator('tr[data-node="1"]');
    await row.getByText('[1:').waitFor({ timeout: WAIT_MS }); // the vector clock: { "1": n }
    await row.getByText('0 ms').first().waitFor();
    await panel('Clocks')
      .getByText(/Last Berkeley round by node 1/)
      .waitFor({ timeout: WAIT_MS });
    const lamport = async () => Number(await row.locator('td').first().textContent());
    const before = await lamport();
    expect((await hold()).status).toBe(202);
    await page.waitForFunction(
      (value) => Number(document.querySelector('#clocks tr[data-node="1"] td')?.textContent) > value,
      before,
      { timeout: WAIT_MS },
    );
  });

  it('Election: the Bully and the Ring buttons each start an election, seen in the history with a higher term', async () => {
    await tab('Election').click();
    await panel('Election')
      .getByText(/this cluster runs Bully elections/)
      .waitFor();
    const terms = async () =>
      (await panel('Election').locator('#elections tr td:nth-child(2)').allTextContents()).map(Number);
    const before = Math.max(...(await terms()));
    await page.getByRole('button', { name: 'Start a Ring election' }).click();
    await page.getByText('Ring election started').waitFor({ timeout: WAIT_MS });
    await panel('Election').locator('#elections tr', { hasText: 'Ring' }).first().waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Start a Bully election' }).click();
    await page.getByText('Bully election started').waitFor({ timeout: WAIT_MS });
    await page.waitForFunction(
      (value) =>
        Math.max(
          ...[...document.querySelectorAll('#elections tr td:nth-child(2)')].map((cell) => Number(cell.textContent)),
        ) >=
        value + 2,
      before,
      { timeout: WAIT_MS },
    );
    // The newest change of term is the Bully round's (the Ring round's alone may already satisfy the wait above).
    await page.waitForFunction(
      () => document.querySelector('#elections tr td:nth-child(4)')?.textContent === 'Bully',
      undefined,
      { timeout: WAIT_MS },
    );
  });

  it('Mutual exclusion: a held cluster lock shows its holder and queue, and goes when released', async () => {
    await tab('Mutual exclusion').click();
    await panel('Mutual exclusion').getByText('No cluster lock is held or wanted right now.').waitFor();
    expect((await holdLock('maintenance', 4_000)).status).toBe(202);
    const row = panel('Mutual exclusion').locator('tr[data-lock="maintenance"]');
    await row.getByText('node 1 (this node, inside)').waitFor({ timeout: WAIT_MS });
    expect(await row.locator('td').nth(1).textContent()).toMatch(/^\d+\.1$/);
    await row.waitFor({ state: 'detached', timeout: WAIT_MS });
    await panel('Mutual exclusion').getByText('No cluster lock is held or wanted right now.').waitFor();
  });

  it('Load balancing: the requests each node served, as bars', async () => {
    await tab('Load balancing').click();
    const bar = panel('Load balancing').locator('li[data-node="1"]');
    await bar.getByText(/\(100%\)/).waitFor({ timeout: WAIT_MS });
    expect(await bar.locator('.bars__bar').getAttribute('style')).toContain('--share: 100');
  });

  async function expectSelected(name: string): Promise<void> {
    await page.waitForFunction(
      (label) =>
        [...document.querySelectorAll('[role="tab"]')]
          .find((tab) => tab.textContent === label)
          ?.getAttribute('aria-selected') === 'true',
      name,
    );
    await panel(name).waitFor();
    expect(await page.getByRole('tabpanel').count()).toBe(1); // the others are hidden
  }
});
