import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfigService, InvalidInput, NotFound } from '@app/common';
import { NotEnoughSeats, SeatsNotInShow, SeatUnavailable, ShowStarted } from './booking.exception';
import { pickBestSeats } from './best-seats';
import { ClaimTarget, SeatInventoryRepository } from './seat-inventory.repository';
import { ShowSeatInfo, ShowSeating, ShowSeatingCache } from './show-seating.cache';

/**
 * Turns a request's seats into claimed rows: checks the ids against the show, picks seats for a
 * by-count request, and explains a failed claim (which seats were taken).
 */
@Injectable()
export class SeatSelection {
  constructor(
    private readonly inventory: SeatInventoryRepository,
    private readonly seating: ShowSeatingCache,
    private readonly config: AppConfigService,
  ) {}

  /**
   * Checks a request's shape: exactly one of `seatIds` and `count`, at most
   * `MAX_SEATS_PER_BOOKING` (default 10) seats. @throws InvalidInput (400).
   */
  checkRequest(seatIds: number[] | undefined, count: number | undefined): void {
    if ((seatIds === undefined) === (count === undefined))
      throw new InvalidInput('seatIds', 'or count must be given, not both');
    const max = this.config.get('MAX_SEATS_PER_BOOKING');
    const size = seatIds?.length ?? count!;
    if (size > max) throw new InvalidInput(seatIds ? 'seatIds' : 'count', `must ask for at most ${max} seats`);
  }

  /** The seats of `seatIds` in the show. @throws SeatsNotInShow for unknown or repeated ids. */
  resolve(seating: ShowSeating, seatIds: number[]): ShowSeatInfo[] {
    const seen = new Set<number>();
    const bad = seatIds.filter((id) => !seating.byId.has(id) || seen.has(id) || !seen.add(id));
    if (bad.length) throw new SeatsNotInShow(seating.showId, bad);
    return seatIds.map((id) => seating.byId.get(id)!);
  }

  /** @throws ShowStarted when the show starts at or before `now` (epoch ms). */
  assertNotStarted(seating: ShowSeating, now: number): void {
    if (new Date(seating.startsAt).getTime() <= now) throw new ShowStarted(seating.showId);
  }

  /**
   * Claims all of `seats` or none. @throws SeatUnavailable listing the seats someone else has;
   * NotFound when the show's rows are gone (the show was removed).
   */
  async claimOrExplain(
    manager: EntityManager,
    seating: ShowSeating,
    seats: ShowSeatInfo[],
    target: ClaimTarget,
    now: number,
  ): Promise<void> {
    this.assertNotStarted(seating, now);
    const ids = seats.map((seat) => seat.id);
    const claimed = await this.inventory.claim(manager, seating.showId, ids, target, now);
    if (claimed === seats.length) return;
    const taken = await this.inventory.taken(manager, seating.showId, ids, target, now);
    if (!taken.length) {
      this.seating.forget(seating.showId);
      throw new NotFound('show', seating.showId);
    }
    throw new SeatUnavailable(taken.map((id) => ({ id, label: seating.byId.get(id)!.label })));
  }

  /**
   * The best `count` seats free at `now` (see {@link pickBestSeats}).
   * @throws NotEnoughSeats with the number left.
   */
  async pick(manager: EntityManager, seating: ShowSeating, count: number, now: number): Promise<ShowSeatInfo[]> {
    const states = await this.inventory.states(seating.showId, now, manager);
    const free = states
      .filter((row) => row.state === 'available')
      .map((row) => seating.byId.get(row.seatId)!)
      .filter(Boolean);
    const ids = pickBestSeats(free, count, seating.grid);
    if (!ids) throw new NotEnoughSeats(count, free.length);
    return ids.map((id) => seating.byId.get(id)!);
  }
}
