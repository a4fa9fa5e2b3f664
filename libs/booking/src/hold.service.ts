import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfigService, InvalidInput, NotFound } from '@app/common';
import { LeaderWork } from '@app/cluster';
import { DatabaseClock, DatabaseService } from '@app/database';
import { JobName, JobQueue, JobRegistry } from '@app/jobs';
import { Hold } from './entities/hold.entity';
import { HoldExpired, HoldLimitReached } from './booking.exception';
import { BookingView, Customer, HoldView, normaliseCustomer } from './booking.types';
import { BookingRepository, toView } from './booking.repository';
import { HoldRepository } from './hold.repository';
import { SeatGuards } from './seat-guards';
import { SeatInventoryRepository } from './seat-inventory.repository';
import { SeatSelection } from './seat-selection';
import { ShowSeatInfo, ShowSeating, ShowSeatingCache } from './show-seating.cache';
import { priced, PricedSeats, pricedSeatView, TicketPricing } from './ticket-pricing';
import { SeatEvents } from './seat-events';
import { BookingNotices } from './booking-notices';

/**
 * Holds: seats set aside for one customer for `HOLD_TTL_SECONDS` (default 300 s), then confirmed
 * into a booking, released, or left to lapse. A lapsed hold's seats are available to the next
 * query at once (DESIGN.md invariant 3); the delayed ExpireHold job only tidies the rows.
 */
@Injectable()
export class HoldService implements OnModuleInit {
  private readonly logger = new Logger(HoldService.name);

  constructor(
    private readonly clock: DatabaseClock,
    private readonly db: DatabaseService,
    private readonly config: AppConfigService,
    private readonly guards: SeatGuards,
    private readonly inventory: SeatInventoryRepository,
    private readonly seating: ShowSeatingCache,
    private readonly selection: SeatSelection,
    private readonly bookings: BookingRepository,
    private readonly holds: HoldRepository,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly events: SeatEvents,
    private readonly leaderWork: LeaderWork,
    private readonly pricing: TicketPricing,
    private readonly notices: BookingNotices,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.ExpireHold, ({ holdId }) => this.expire(holdId));
    // The cluster's leader also sweeps, in bulk, holds whose ExpireHold job was lost (e.g. Redis restarted).
    this.leaderWork.register({
      name: 'hold-sweep',
      everyMs: this.config.get('HOLD_SWEEP_INTERVAL_SECONDS') * 1000,
      run: () => this.sweepLapsedHolds(),
    });
  }

  /**
   * Holds `seatIds` of `showId` for `customer`, asked from `clientAddress`. All or nothing.
   * `ticketTypeIds` (aligned with `seatIds`; absent: the default type) are the tickets asked for.
   * @throws NotFound (no such show); SeatsNotInShow; ShowStarted; SeatUnavailable listing the seats taken;
   *   InvalidInput (field `ticketTypeIds…`) for types not one per seat or not on sale at the theater;
   *   HoldLimitReached when the customer has MAX_HOLDS_PER_CUSTOMER unexpired holds, or the
   *   client address MAX_HOLDS_PER_CLIENT.
   */
  async hold(
    showId: number,
    seatIds: number[],
    customer: Customer,
    clientAddress?: string,
    ticketTypeIds?: number[],
  ): Promise<HoldView> {
    this.selection.checkRequest(seatIds, undefined);
    const seating = await this.seating.get(showId);
    const seats = this.selection.resolve(seating, seatIds);
    const list = await this.pricing.list(seating);
    const pricedSeats = priced(list, seats, ticketTypeIds);
    const who = normaliseCustomer(customer);
    const ttlMs = this.config.get('HOLD_TTL_SECONDS') * 1000;
    const view = await this.guards.forShow(showId, () =>
      this.db.transaction(async (manager) => {
        const now = this.clock.now();
        await this.checkCaps(manager, who.email, clientAddress, now);
        const hold = manager.create(Hold, {
          id: randomUUID(),
          showId,
          customerName: who.name,
          customerEmail: who.email,
          clientAddress: clientAddress ?? null,
          ticketTypes: ticketTypeIds ? typesBySeat(seatIds, ticketTypeIds) : null,
          seatCount: seats.length,
          expiresAt: now + ttlMs,
          state: 'active',
          bookingId: null,
          createdAt: new Date(now),
        });
        await this.selection.claimOrExplain(
          manager,
          seating,
          seats,
          { state: 'held', holdId: hold.id, heldUntil: hold.expiresAt },
          now,
        );
        await this.holds.insert(manager, hold);
        return this.toView(hold, pricedSeats);
      }),
    );
    this.events.changed(showId);
    this.jobs
      .enqueue(
        JobName.ExpireHold,
        { holdId: view.holdId },
        { delayMs: ttlMs + 1_000, jobId: `hold-expiry-${view.holdId}` },
      )
      .catch((error: unknown) =>
        this.logger.warn(`could not schedule the expiry of hold ${view.holdId}: ${String(error)}`),
      );
    return view;
  }

  /**
   * Refuses a new hold past the caps on unexpired active holds per customer email and per client
   * address (counted in the booking transaction; concurrent requests may each pass once).
   * @throws HoldLimitReached.
   */
  private async checkCaps(
    manager: EntityManager,
    email: string,
    client: string | undefined,
    now: number,
  ): Promise<void> {
    const perCustomer = this.config.get('MAX_HOLDS_PER_CUSTOMER');
    if ((await this.holds.countLive(manager, { customerEmail: email }, now)) >= perCustomer)
      throw new HoldLimitReached('customer', perCustomer);
    const perClient = this.config.get('MAX_HOLDS_PER_CLIENT');
    if (client && (await this.holds.countLive(manager, { clientAddress: client }, now)) >= perClient)
      throw new HoldLimitReached('client', perClient);
  }

  /** The hold's current state. @throws NotFound. */
  async get(holdId: string): Promise<HoldView> {
    const hold = await this.find(holdId);
    const seating = await this.seating.get(hold.showId);
    const seatIds = await this.inventory.heldSeatIds(this.db.manager, holdId);
    const seats = seatIds.map((id) => seating.byId.get(id)!).filter(Boolean);
    const view = this.toView(hold, await this.priceHeld(seating, hold, seats, true));
    if (hold.bookingId) {
      const booking = await this.bookings.findById(this.db.manager, hold.bookingId);
      view.bookingCode = booking?.code;
    }
    return view;
  }

  /**
   * Confirms an unexpired hold into a booking, its seats priced now with the ticket types the hold
   * records. Confirming a hold twice returns the same booking.
   * @throws NotFound; HoldExpired (410) when it lapsed or was released; InvalidInput (field
   *   `ticketTypeIds…`) when a type the hold chose was taken off sale meanwhile (PATCH it first).
   */
  async confirm(holdId: string): Promise<BookingView> {
    const hold = await this.find(holdId);
    const seating = await this.seating.get(hold.showId);
    const outcome = await this.guards.forShow(hold.showId, () =>
      this.db.transaction(async (manager) => {
        const current = await this.holds.find(manager, holdId);
        if (!current) throw new NotFound('hold', holdId);
        if (current.state === 'confirmed' && current.bookingId) {
          const existing = await this.bookings.findById(manager, current.bookingId);
          if (existing) return { booking: (await this.bookings.views(manager, [existing]))[0], created: false };
        }
        const now = this.clock.now();
        if (current.state !== 'active' || current.expiresAt < now) throw new HoldExpired(holdId);
        const seats = (await this.inventory.heldSeatIds(manager, holdId)).map((id) => seating.byId.get(id)!);
        if (seats.length !== current.seatCount) throw new HoldExpired(holdId);
        this.selection.assertNotStarted(seating, now);
        const tickets = await this.priceHeld(seating, current, seats, false);
        const booking = await this.bookings.insert(manager, {
          showId: current.showId,
          customer: { name: current.customerName, email: current.customerEmail },
          seats: tickets.seats,
          currencyCode: tickets.currencyCode,
          holdId,
        });
        if ((await this.inventory.confirmHold(manager, holdId, booking.id, now)) !== current.seatCount)
          throw new HoldExpired(holdId);
        await this.bookings.insertSeats(manager, booking, tickets.seats);
        await this.holds.markConfirmed(manager, holdId, booking.id);
        return { booking: toView(booking, tickets.seats, tickets.currencyCode), created: true };
      }),
    );
    this.events.changed(hold.showId);
    if (outcome.created) this.notices.publish({ kind: 'booked', code: outcome.booking.code });
    return outcome.booking;
  }

  /**
   * Sets the ticket type of each seat of an active hold before it is confirmed: `seatIds` must be
   * exactly the hold's seats (any order), `ticketTypeIds` aligned with them. Prices are those of
   * the moment of confirmation; the answer shows the current ones.
   * @throws NotFound; HoldExpired (410) when it lapsed, was released or confirmed; InvalidInput
   *   (field `seatIds` when they are not the hold's seats, `ticketTypeIds…` for bad types).
   */
  async setTicketTypes(holdId: string, seatIds: number[], ticketTypeIds: number[]): Promise<HoldView> {
    const hold = await this.find(holdId);
    const seating = await this.seating.get(hold.showId);
    const held = await this.inventory.heldSeatIds(this.db.manager, holdId);
    if (hold.state !== 'active' || hold.expiresAt < this.clock.now() || held.length !== hold.seatCount)
      throw new HoldExpired(holdId);
    const heldSet = new Set(held);
    if (seatIds.length !== held.length || !seatIds.every((id) => heldSet.has(id)))
      throw new InvalidInput('seatIds', `must be exactly the hold's seats (${held.join(', ')})`);
    const seats = seatIds.map((id) => seating.byId.get(id)!);
    const tickets = priced(await this.pricing.list(seating), seats, ticketTypeIds);
    const ticketTypes = typesBySeat(seatIds, ticketTypeIds);
    if (!(await this.holds.setTicketTypes(this.db.manager, holdId, ticketTypes, this.clock.now())))
      throw new HoldExpired(holdId);
    return this.toView({ ...hold, ticketTypes }, tickets);
  }

  /**
   * Prices a hold's seats with the types it records. With `lenient`, a recorded type no longer on
   * sale shows as the default (a view); otherwise it is refused (confirmation). @throws InvalidInput.
   */
  private async priceHeld(
    seating: ShowSeating,
    hold: Hold,
    seats: ShowSeatInfo[],
    lenient: boolean,
  ): Promise<PricedSeats> {
    const list = await this.pricing.list(seating);
    const wanted = seats.map((seat) => hold.ticketTypes?.[String(seat.id)]);
    const onSale = new Set(list.types.map((type) => type.id));
    return priced(
      list,
      seats,
      lenient ? wanted.map((id) => (id !== undefined && onSale.has(id) ? id : undefined)) : wanted,
    );
  }

  /** Releases an active hold at the customer's request; its seats return to sale. @throws NotFound; HoldExpired. */
  async release(holdId: string): Promise<{ released: number }> {
    const hold = await this.find(holdId);
    const released = await this.db.transaction(async (manager) => {
      if (!(await this.holds.release(manager, holdId))) throw new HoldExpired(holdId);
      return this.inventory.releaseHold(manager, holdId);
    });
    this.events.changed(hold.showId);
    return { released };
  }

  /** The ExpireHold job: tidies a lapsed hold's rows. Safe to run twice or early (then it does nothing). */
  async expire(holdId: string): Promise<{ released: number }> {
    const hold = await this.holds.find(this.db.manager, holdId);
    if (!hold) return { released: 0 };
    const { seats } = await this.expireLapsed([hold], this.clock.now());
    return { released: seats };
  }

  /**
   * Tidies up to `limit` lapsed holds at once (oldest first): their seats return to sale and they
   * are marked expired, in one transaction; open seat maps of the shows concerned are told.
   * Leader-only work (DESIGN.md "Cluster"); like {@link expire}, safe to run anywhere, twice, or
   * concurrently with confirmations (every UPDATE is conditional on the hold having lapsed).
   * @returns holds expired and seats released.
   */
  async sweepLapsedHolds(limit = 500): Promise<{ holds: number; seats: number }> {
    const now = this.clock.now();
    return this.expireLapsed(await this.holds.lapsed(this.db.manager, now, limit), now);
  }

  /**
   * Returns to sale the seats of those of `holds` that lapsed before `now` (epoch ms) and marks
   * them expired, in one transaction; open seat maps of the shows concerned are told. Every UPDATE
   * is conditional on the hold having lapsed, so a hold confirmed or still live is left alone.
   */
  private async expireLapsed(
    holds: Pick<Hold, 'id' | 'showId'>[],
    now: number,
  ): Promise<{ holds: number; seats: number }> {
    if (!holds.length) return { holds: 0, seats: 0 };
    const holdIds = holds.map((hold) => hold.id);
    const result = await this.db.transaction(async (manager) => {
      const seats = await this.inventory.releaseLapsedHolds(manager, holdIds, now);
      return { holds: await this.holds.expire(manager, holdIds, now), seats };
    });
    if (result.seats) for (const showId of new Set(holds.map((hold) => hold.showId))) this.events.changed(showId);
    return result;
  }

  private async find(holdId: string): Promise<Hold> {
    const hold = await this.holds.find(this.db.manager, holdId);
    if (!hold) throw new NotFound('hold', holdId);
    return hold;
  }

  private toView(hold: Hold, tickets: PricedSeats): HoldView {
    const now = this.clock.now();
    const lapsed = hold.state === 'active' && hold.expiresAt < now;
    return {
      holdId: hold.id,
      showId: hold.showId,
      state: lapsed ? 'expired' : hold.state,
      seats: tickets.seats.map(pricedSeatView),
      total: tickets.seats.reduce((sum, seat) => sum + seat.priceCents, 0),
      currency: 'cents',
      currencyCode: tickets.currencyCode,
      expiresAt: new Date(hold.expiresAt).toISOString(),
      expiresInMs: Math.max(0, hold.expiresAt - now),
    };
  }
}

/** Seat id → ticket type id, as a hold records them. */
function typesBySeat(seatIds: number[], ticketTypeIds: number[]): Record<string, number> {
  return Object.fromEntries(seatIds.map((id, index) => [String(id), ticketTypeIds[index]]));
}
