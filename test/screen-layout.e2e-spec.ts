import request from 'supertest';
import { Seat } from '@app/catalog';
import { DatabaseService } from '@app/database';
import { useAdminApp } from './support/admin-requests';
import { DRIVERS } from './support/env';
import { makeMovie, uniqueTag } from './support/factories';

const MIN = 60_000;
/** A whole minute `days` days from now, as ISO-8601. */
const inDays = (days: number) => new Date(Math.ceil((Date.now() + days * 86_400_000) / MIN) * MIN).toISOString();

interface SeatState {
  id: number;
  label: string;
  kind: string;
  state: string;
}

/**
 * The screen editor's layout change: shows created afterwards get the new layout; shows that
 * exist keep their seats, sales and holds (issue 11, mapping).
 */
describe.each(DRIVERS)('screen layout change (%s)', (driver) => {
  const ctx = useAdminApp(driver);

  const seatsOf = async (showId: number): Promise<SeatState[]> =>
    (await request(ctx.http).get(`/api/shows/${showId}/seats`).expect(200)).body.seats as SeatState[];
  const seatRows = (screenId: number) =>
    ctx.testApp
      .get(DatabaseService)
      .manager.getRepository(Seat)
      .find({ where: { screenId }, order: { id: 'ASC' } });

  async function setUp() {
    const theater = await ctx.admin.post('/api/admin/theaters', { name: `Layout ${uniqueTag()}` }).expect(201);
    const screen = await ctx.admin
      .post('/api/admin/screens', { theaterId: theater.body.id, name: 'Salle 1', layout: ['ss_ss', 'pppp'] })
      .expect(201);
    const movie = await makeMovie(ctx.testApp, { runtimeMin: 90 });
    const addShow = async (days: number) =>
      (
        await ctx.admin
          .post('/api/admin/shows', {
            movieId: movie.id,
            screenId: screen.body.id,
            startsAt: inDays(days),
            priceCents: 900,
          })
          .expect(201)
      ).body as { id: number };
    return { screenId: screen.body.id as number, addShow };
  }

  it('applies to shows created afterwards; an existing show keeps its seats and its booking', async () => {
    const { screenId, addShow } = await setUp();
    const before = await addShow(1);
    const booked = await request(ctx.http)
      .post('/api/bookings')
      .set('Idempotency-Key', `layout-${uniqueTag()}`)
      .send({ showId: before.id, count: 2, customer: { name: 'Ada', email: `ada-${uniqueTag()}@example.com` } })
      .expect(201);
    const seatsBefore = await seatsOf(before.id);

    const changed = await ctx.admin
      .put(`/api/admin/screens/${screenId}/layout`, { layout: ['sss', 'sss', 'wpw'] })
      .expect(200);
    expect(changed.body).toMatchObject({
      id: screenId,
      layout: ['sss', 'sss', 'wpw'],
      seatCount: 9,
      layoutVersion: 2,
      seatKinds: { standard: 6, premium: 1, wheelchair: 2 },
    });
    expect(changed.body.seats.map((seat: { label: string }) => seat.label)).toEqual([
      'A1',
      'A2',
      'A3',
      'B1',
      'B2',
      'B3',
      'C1',
      'C2',
      'C3',
    ]);

    // The show made before keeps exactly its seats, states and booking.
    expect(await seatsOf(before.id)).toEqual(seatsBefore);
    expect(seatsBefore).toHaveLength(8);
    const bookedIds = (booked.body.seats as { id: number }[]).map((seat) => seat.id).sort((a, b) => a - b);
    expect(seatsBefore.filter((seat) => seat.state === 'booked').map((seat) => seat.id)).toEqual(bookedIds);

    // A show made afterwards has the new layout, with none of the old seats.
    const after = await addShow(2);
    const seatsAfter = await seatsOf(after.id);
    expect(seatsAfter.map((seat) => `${seat.label}:${seat.kind}`)).toEqual([
      'A1:standard',
      'A2:standard',
      'A3:standard',
      'B1:standard',
      'B2:standard',
      'B3:standard',
      'C1:wheelchair',
      'C2:premium',
      'C3:wheelchair',
    ]);
    expect(seatsAfter.every((seat) => seat.state === 'available')).toBe(true);
    const oldIds = new Set(seatsBefore.map((seat) => seat.id));
    expect(seatsAfter.some((seat) => oldIds.has(seat.id))).toBe(false);
    const show = await request(ctx.http).get(`/api/shows/${after.id}`).expect(200);
    expect(show.body).toMatchObject({ capacity: 9, available: 9 });
  });

  it('gives each show created during a layout change one whole layout, old or new', async () => {
    const { screenId, addShow } = await setUp();
    const [, ...shows] = await Promise.all([
      ctx.admin.put(`/api/admin/screens/${screenId}/layout`, { layout: ['sss'] }).expect(200),
      ...[1, 2, 3, 4, 5, 6].map((hours) => addShow(1 + hours / 6)),
    ]);
    const rows: { showId: number; versions: number; seats: number }[] = await ctx.testApp
      .get(DatabaseService)
      .manager.query(
        'SELECT ss.show_id AS showId, COUNT(DISTINCT s.layout_version) AS versions, COUNT(*) AS seats ' +
          'FROM show_seat ss JOIN seat s ON s.id = ss.seat_id WHERE ss.show_id IN (?, ?, ?, ?, ?, ?) GROUP BY ss.show_id',
        shows.map((show) => show.id),
      );
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(Number(row.versions)).toBe(1);
      expect([8, 3]).toContain(Number(row.seats));
    }
  });

  it('removes the seats of earlier layouts once no show uses them', async () => {
    const { screenId, addShow } = await setUp();
    const first = await seatRows(screenId);
    expect(first.map((seat) => seat.layoutVersion)).toEqual(Array(8).fill(1));

    // No show uses layout 1: its seats go with the change.
    await ctx.admin.put(`/api/admin/screens/${screenId}/layout`, { layout: ['ssss'] }).expect(200);
    expect((await seatRows(screenId)).map((seat) => `${seat.layoutVersion}:${seat.rowLabel}${seat.number}`)).toEqual([
      '2:A1',
      '2:A2',
      '2:A3',
      '2:A4',
    ]);

    // A show on layout 2 keeps those seats through the next change; removing the show frees them.
    const show = await addShow(3);
    await ctx.admin.put(`/api/admin/screens/${screenId}/layout`, { layout: ['pp'] }).expect(200);
    expect((await seatRows(screenId)).map((seat) => seat.layoutVersion)).toEqual([2, 2, 2, 2, 3, 3]);
    await ctx.admin.delete(`/api/admin/shows/${show.id}`).expect(204);
    const detail = await ctx.admin.put(`/api/admin/screens/${screenId}/layout`, { layout: ['ww'] }).expect(200);
    expect(detail.body.layoutVersion).toBe(4);
    expect((await seatRows(screenId)).map((seat) => `${seat.layoutVersion}:${seat.kind}`)).toEqual([
      '4:wheelchair',
      '4:wheelchair',
    ]);
  });

  it('refuses a malformed layout, an unknown screen and bad ids; nothing changes', async () => {
    const { screenId } = await setUp();
    const rows = await seatRows(screenId);
    const malformed = await ctx.admin.put(`/api/admin/screens/${screenId}/layout`, { layout: ['ssxs'] }).expect(400);
    expect(malformed.body).toMatchObject({ error: expect.any(String), message: expect.stringMatching(/row 1/i) });
    const empty = await ctx.admin.put(`/api/admin/screens/${screenId}/layout`, { layout: [] }).expect(400);
    expect(empty.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: [{ field: 'layout' }] });
    await ctx.admin.put(`/api/admin/screens/${screenId}/layout`, { layout: ['ss'], name: 'x' }).expect(400);
    await ctx.admin.put(`/api/admin/screens/${screenId}/layout`, { layout: null }).expect(400);
    await ctx.admin.put('/api/admin/screens/2147483647/layout', { layout: ['ss'] }).expect(404);
    await ctx.admin.put('/api/admin/screens/01/layout', { layout: ['ss'] }).expect(400);
    await request(ctx.http)
      .put(`/api/admin/screens/${screenId}/layout`)
      .send({ layout: ['ss'] })
      .expect(401);
    expect(await seatRows(screenId)).toEqual(rows);
    expect((await ctx.admin.get(`/api/admin/screens/${screenId}`).expect(200)).body).toMatchObject({
      layout: ['ss_ss', 'pppp'],
      layoutVersion: 1,
    });
  });
});
