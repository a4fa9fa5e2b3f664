import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../../../test/support/test-app';
import { DRIVERS } from '../../../test/support/env';
import { seatedShow } from '../../../test/support/booking-fixtures';
import { HoldService } from './hold.service';
import { SeatEvents } from './seat-events';

const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };

describe.each(DRIVERS)('sweeping lapsed holds on %s', (driver) => {
  let app: TestApp;
  let holds: HoldService;

  beforeAll(async () => {
    app = await createTestApp(driver);
    holds = app.get(HoldService);
  });
  afterAll(() => app.close());

  /** Moves a hold's expiry into the past, as if its time had run out. */
  async function lapse(holdId: string): Promise<void> {
    const past = Date.now() - 1_000;
    const dataSource = app.get(DataSource);
    await dataSource.query('UPDATE show_seat SET held_until = ? WHERE hold_id = ?', [past, holdId]);
    await dataSource.query('UPDATE hold SET expires_at = ? WHERE id = ?', [past, holdId]);
  }

  it('expires lapsed holds in bulk, releases their seats, leaves live holds alone and tells seat maps', async () => {
    const { show, byLabel } = await seatedShow(app);
    const first = await holds.hold(show.id, [byLabel('A1').id, byLabel('A2').id], ada);
    const second = await holds.hold(show.id, [byLabel('B1').id], ada);
    const live = await holds.hold(show.id, [byLabel('C1').id], ada);
    await lapse(first.holdId);
    await lapse(second.holdId);
    const changed: number[] = [];
    const unsubscribe = app.get(SeatEvents).subscribe((change) => changed.push(change.showId));

    const result = await holds.sweepLapsedHolds(10_000);
    unsubscribe();

    // Other test files share the database: their lapsed holds may be swept too.
    expect(result.holds).toBeGreaterThanOrEqual(2);
    expect(result.seats).toBeGreaterThanOrEqual(3);
    expect((await holds.get(first.holdId)).state).toBe('expired');
    expect((await holds.get(second.holdId)).state).toBe('expired');
    expect((await holds.get(live.holdId)).state).toBe('active');
    const rows: { state: string; hold_id: string | null }[] = await app
      .get(DataSource)
      .query('SELECT state, hold_id FROM show_seat WHERE show_id = ? AND hold_id IS NOT NULL', [show.id]);
    expect(rows).toEqual([{ state: 'held', hold_id: live.holdId }]);
    expect(changed).toContain(show.id);
    // Nothing left to do: a second sweep changes nothing of this show.
    await holds.sweepLapsedHolds(10_000);
    expect((await holds.get(live.holdId)).state).toBe('active');
  });

  it('leaves a confirmed hold and its booked seats alone after its time is up', async () => {
    const { show, byLabel } = await seatedShow(app);
    const hold = await holds.hold(show.id, [byLabel('D3').id], ada);
    await holds.confirm(hold.holdId);
    await lapse(hold.holdId);
    await holds.sweepLapsedHolds(10_000);
    expect((await holds.get(hold.holdId)).state).toBe('confirmed');
    const [seat] = await app
      .get(DataSource)
      .query('SELECT state FROM show_seat WHERE show_id = ? AND seat_id = ?', [show.id, byLabel('D3').id]);
    expect(seat.state).toBe('booked');
  });
});
