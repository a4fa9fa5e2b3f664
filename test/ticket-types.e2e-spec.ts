import request from 'supertest';
import { DRIVERS } from './support/env';
import { useAdminApp } from './support/admin-requests';
import { makeShow } from './support/factories';

const customer = { name: 'Ada', email: 'ada@example.com' };

/**
 * Ticket types over HTTP: the admin routes that price a theater, the public price list of a
 * show, and holds and bookings carrying a type per seat, with their validation.
 */
describe.each(DRIVERS)('ticket types over HTTP on %s', (driver) => {
  const app = useAdminApp(driver);

  /** A show of 20 seats whose last row is premium, in a theater selling Adult 1,200 and Child 800 (+300 premium). */
  async function pricedShow() {
    const made = await makeShow(app.testApp, { layout: ['ssssssssss', 'pppppppppp'] });
    const base = `/api/admin/theaters/${made.theaterId}`;
    const pricing = await app.admin.get(`${base}/pricing`).expect(200);
    expect(pricing.body).toMatchObject({ currencyCode: 'EUR', ticketTypes: [{ name: 'Adult', priceCents: null }] });
    const adult = pricing.body.ticketTypes[0];
    await app.admin.patch(`${base}/ticket-types/${adult.id}`, { priceCents: 1200 }).expect(200);
    const child = (await app.admin.post(`${base}/ticket-types`, { name: 'Child', priceCents: 800 }).expect(201)).body;
    await app.admin.put(`${base}/surcharges/premium`, { surchargeCents: 300 }).expect(200);
    await app.admin.put(`${base}/currency`, { currencyCode: 'GBP' }).expect(200);
    const byLabel = (label: string) => made.seats.find((seat) => `${seat.rowLabel}${seat.number}` === label)!.id;
    return { ...made, base, adult, child, byLabel };
  }

  it('prices two adults and a child on premium seats the same in the hold, after a type change, and in the booking', async () => {
    const { show, adult, child, byLabel } = await pricedShow();
    const list = await request(app.http).get(`/api/shows/${show.id}/ticket-types`).expect(200);
    expect(list.body).toEqual({
      showId: show.id,
      currencyCode: 'GBP',
      ticketTypes: [
        { id: adult.id, name: 'Adult', priceCents: 1200 },
        { id: child.id, name: 'Child', priceCents: 800 },
      ],
      surcharges: { premium: 300 },
    });
    const seatIds = ['B4', 'B5', 'B6'].map(byLabel);
    const hold = await request(app.http)
      .post(`/api/shows/${show.id}/holds`)
      .send({ seatIds, customer, ticketTypeIds: [adult.id, adult.id, adult.id] })
      .expect(201);
    expect(hold.body).toMatchObject({ total: 3 * 1500, currency: 'cents', currencyCode: 'GBP' });
    const changed = await request(app.http)
      .patch(`/api/holds/${hold.body.holdId}`)
      .send({ seatIds, ticketTypeIds: [adult.id, adult.id, child.id] })
      .expect(200);
    expect(changed.body.total).toBe(2 * 1500 + 1100);
    const booking = await request(app.http).post(`/api/holds/${hold.body.holdId}/confirm`).expect(201);
    expect(booking.body).toMatchObject({ total: 2 * 1500 + 1100, currencyCode: 'GBP' });
    expect(booking.body.seats).toEqual([
      {
        id: seatIds[0],
        label: 'B4',
        kind: 'premium',
        priceCents: 1500,
        surchargeCents: 300,
        ticketType: { id: adult.id, name: 'Adult' },
      },
      {
        id: seatIds[1],
        label: 'B5',
        kind: 'premium',
        priceCents: 1500,
        surchargeCents: 300,
        ticketType: { id: adult.id, name: 'Adult' },
      },
      {
        id: seatIds[2],
        label: 'B6',
        kind: 'premium',
        priceCents: 1100,
        surchargeCents: 300,
        ticketType: { id: child.id, name: 'Child' },
      },
    ]);
    const direct = await request(app.http)
      .post('/api/bookings')
      .send({ showId: show.id, count: 2, ticketTypeIds: [child.id, adult.id], customer })
      .expect(201);
    expect(direct.body.total).toBe(800 + 1200);
  });

  it('refuses bad ticket types with 400 naming the field, and changes nothing', async () => {
    const { show, child, byLabel, base } = await pricedShow();
    const other = await pricedShow();
    const seatIds = [byLabel('A1'), byLabel('A2')];
    const cases: [object, string][] = [
      [{ ticketTypeIds: [child.id, other.child.id] }, 'ticketTypeIds.1'],
      [{ ticketTypeIds: [child.id] }, 'ticketTypeIds'],
      [{ ticketTypeIds: ['1', 2] }, 'ticketTypeIds'],
      [{ ticketTypeIds: [] }, 'ticketTypeIds'],
      [{ ticketTypeIds: null }, 'ticketTypeIds'],
    ];
    for (const [extra, field] of cases) {
      const answer = await request(app.http)
        .post(`/api/shows/${show.id}/holds`)
        .send({ seatIds, customer, ...extra })
        .expect(400);
      expect(answer.body).toMatchObject({ error: 'VALIDATION_FAILED' });
      expect(answer.body.fields.map((entry: { field: string }) => entry.field)).toContain(field);
    }
    const seats = await request(app.http).get(`/api/shows/${show.id}/seats`).expect(200);
    expect(seats.body.available).toBe(20);
    const admin = [
      [app.admin.post(`${base}/ticket-types`, { name: ' ', priceCents: 1 }), 400],
      [app.admin.post(`${base}/ticket-types`, { name: 'Child', priceCents: 1 }), 409],
      [app.admin.post(`${base}/ticket-types`, { name: 'Senior', priceCents: -1 }), 400],
      [app.admin.put(`${base}/surcharges/balcony`, { surchargeCents: 1 }), 400],
      [app.admin.put(`${base}/currency`, { currencyCode: 'EURO' }), 400],
      [app.admin.patch(`${base}/ticket-types/999999999`, { priceCents: 1 }), 404],
      [app.admin.get('/api/admin/theaters/999999999/pricing'), 404],
      [request(app.http).get(`${base}/pricing`), 401],
    ] as const;
    for (const [call, status] of admin) expect((await call).status).toBe(status);
  });
});
