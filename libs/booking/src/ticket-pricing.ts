import { Injectable } from '@nestjs/common';
import { PricedType, PriceList, priceSeats, PricingService, SeatPrice } from '@app/pricing';
import { ShowSeatInfo, ShowSeating, ShowSeatingCache } from './show-seating.cache';

/** A seat of a show with the ticket sold for it. */
export type PricedSeat = ShowSeatInfo & SeatPrice;

/** The ticket types and surcharges of a show, integer cents in `currencyCode` (ISO 4217). */
export interface ShowTicketTypes {
  showId: number;
  currencyCode: string;
  ticketTypes: PricedType[];
  surcharges: Record<string, number>;
}

/** Seats priced for one request, and the currency (ISO 4217) of the amounts. */
export interface PricedSeats {
  currencyCode: string;
  seats: PricedSeat[];
}

/**
 * Prices a request's seats with the show's price list (libs/pricing): the ticket type chosen for
 * each seat (default: the theater's first type) plus its kind's surcharge. Totals are always
 * computed here, server-side.
 */
@Injectable()
export class TicketPricing {
  constructor(
    private readonly pricing: PricingService,
    private readonly seating: ShowSeatingCache,
  ) {}

  /**
   * `GET /api/shows/:id/ticket-types`: what the show's tickets cost, `{ showId, currencyCode,
   * ticketTypes[{ id, name, priceCents }] (default first), surcharges{ kind: cents } }`.
   * @throws NotFound (no such show).
   */
  async forShow(showId: number): Promise<ShowTicketTypes> {
    const list = await this.list(await this.seating.get(showId));
    return { showId, currencyCode: list.currencyCode, ticketTypes: list.types, surcharges: list.surcharges };
  }

  /** The price list `seating`'s show sells at now. */
  list(seating: ShowSeating): Promise<PriceList> {
    return this.pricing.priceList(seating.theaterId, seating.base);
  }

  /**
   * Prices `seats` with `typeIds` (aligned with `seats`; absent: the default type).
   * @throws InvalidInput (400, field `ticketTypeIds…`) for a count mismatch or a type not on sale
   *   at the show's theater.
   */
  async price(seating: ShowSeating, seats: ShowSeatInfo[], typeIds?: (number | undefined)[]): Promise<PricedSeats> {
    const list = await this.list(seating);
    return priced(list, seats, typeIds);
  }
}

/** Prices `seats` with `list` (see {@link priceSeats}). @throws InvalidInput. */
export function priced(list: PriceList, seats: ShowSeatInfo[], typeIds?: (number | undefined)[]): PricedSeats {
  const prices = priceSeats(
    list,
    seats.map((seat) => seat.kind),
    typeIds,
  );
  return { currencyCode: list.currencyCode, seats: seats.map((seat, index) => ({ ...seat, ...prices[index] })) };
}

/** The API view of a priced seat. */
export function pricedSeatView(seat: PricedSeat) {
  return {
    id: seat.id,
    label: seat.label,
    kind: seat.kind,
    priceCents: seat.priceCents,
    ticketType: { id: seat.ticketTypeId, name: seat.ticketTypeName },
    surchargeCents: seat.surchargeCents,
  };
}
