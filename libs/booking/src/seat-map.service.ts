import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DatabaseClock, DatabaseService } from '@app/database';
import { SeatEvents } from './seat-events';
import { SeatInventoryRepository } from './seat-inventory.repository';
import { ShowSeatingCache } from './show-seating.cache';
import { TicketPricing } from './ticket-pricing';

/** A rendered seat map: JSON bytes, their strong ETag, and when each taken seat frees up. */
export interface SeatMapBody {
  json: Buffer;
  etag: string;
  /** Seat id → epoch ms until which it was taken when rendered (Infinity: booked). */
  takenUntil: ReadonlyMap<number, number>;
}

/** Longest a rendered seat map is reused (ms) when no change event arrives for it. */
const MAX_AGE_MS = 1_000;

/**
 * `GET /api/shows/:id/seats`: `{ showId, startsAt, grid{rows,columns}, currencyCode, available, seats[{ id,
 * label, row, number, rowIndex, col, kind, priceCents, companionSeatId?, state }] }` with state
 * available | held | booked, priceCents the default ticket type's with the kind's surcharge. Rendered maps are reused until a seat of the show changes on this node (SeatEvents),
 * the first hold on it lapses, or 1 s passes (changes made by other nodes); concurrent misses
 * share one query. The seat inventory in the database stays the only truth for booking.
 */
@Injectable()
export class SeatMapService implements OnModuleDestroy {
  private readonly cache = new Map<number, { body: Promise<SeatMapBody>; validUntil: number }>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly clock: DatabaseClock,
    private readonly db: DatabaseService,
    private readonly inventory: SeatInventoryRepository,
    private readonly seating: ShowSeatingCache,
    private readonly pricing: TicketPricing,
    events: SeatEvents,
  ) {
    this.unsubscribe = events.subscribe(({ showId }) => this.cache.delete(showId));
  }

  /** The seat map of `showId`. @throws NotFound. */
  get(showId: number): Promise<SeatMapBody> {
    const now = this.clock.now();
    const cached = this.cache.get(showId);
    if (cached && cached.validUntil > now) return cached.body;
    const entry = {
      body: this.render(showId, now, (until) => (entry.validUntil = until)),
      validUntil: now + MAX_AGE_MS,
    };
    this.cache.set(showId, entry);
    entry.body.catch(() => this.cache.get(showId) === entry && this.cache.delete(showId));
    return entry.body;
  }

  /**
   * Seats of `seatIds` that the current seat map shows as booked, or held past `now` (epoch ms):
   * a request for them would fail, so callers answer 409 without a transaction. The map may trail
   * the database by up to 1 s (or the replica's delay): a seat it shows free still goes to the
   * database, which decides; a seat freed in the last second may be refused once.
   */
  async knownTaken(showId: number, seatIds: number[], now: number): Promise<number[]> {
    const { takenUntil } = await this.get(showId);
    return seatIds.filter((id) => (takenUntil.get(id) ?? 0) >= now);
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  private async render(showId: number, now: number, setValidUntil: (until: number) => void): Promise<SeatMapBody> {
    const seating = await this.seating.get(showId);
    // From a replica: a map may trail the primary by the replication delay; booking never reads it
    // (seat claims are conditional UPDATEs on the primary).
    const rows = await this.db.read((manager) => this.inventory.states(showId, now, manager));
    const prices = await this.pricing.list(seating);
    const defaultCents = prices.types[0].priceCents;
    const states = new Map(rows.map((row) => [row.seatId, row]));
    let firstLapse = now + MAX_AGE_MS;
    let available = 0;
    const takenUntil = new Map<number, number>();
    const seats = seating.seats.map((seat) => {
      const row = states.get(seat.id);
      const state = row?.state ?? 'booked';
      if (state === 'available') available += 1;
      else takenUntil.set(seat.id, state === 'held' && row?.heldUntil ? row.heldUntil : Infinity);
      if (row?.heldUntil) firstLapse = Math.min(firstLapse, row.heldUntil + 1);
      return { ...seat, priceCents: defaultCents + (prices.surcharges[seat.kind] ?? 0), state };
    });
    setValidUntil(firstLapse);
    const json = Buffer.from(
      JSON.stringify({
        showId,
        startsAt: new Date(seating.startsAt).toISOString(),
        grid: seating.grid,
        currencyCode: prices.currencyCode,
        available,
        seats,
      }),
    );
    return { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"`, takenUntil };
  }
}
