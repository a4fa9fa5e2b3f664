import { InvalidInput } from '@app/common';

/** A ticket type as sold for one show: its price resolved to integer cents. */
export interface PricedType {
  id: number;
  name: string;
  priceCents: number;
}

/** What a show's seats cost: its theater's active types (default first), surcharges per seat kind, currency. */
export interface PriceList {
  theaterId: number;
  /** ISO 4217, e.g. `EUR`. */
  currencyCode: string;
  /** Active types in sort order; never empty (a theater always has at least its default type). */
  types: PricedType[];
  /** Seat kind → surcharge in integer cents (kinds not listed add nothing). */
  surcharges: Record<string, number>;
}

/** The price of one seat: type, surcharge and the final price (type price + surcharge), integer cents. */
export interface SeatPrice {
  ticketTypeId: number;
  ticketTypeName: string;
  surchargeCents: number;
  priceCents: number;
}

/**
 * Prices seats of kinds `kinds` with the types `typeIds` (aligned with `kinds`; a missing list or
 * entry takes the default type, the first of the list).
 * @throws InvalidInput (400, field `field`) when `typeIds` is not as long as `kinds`, or names a
 *   type that is not an active type of the list's theater.
 */
export function priceSeats(
  list: PriceList,
  kinds: string[],
  typeIds: (number | undefined)[] | undefined,
  field = 'ticketTypeIds',
): SeatPrice[] {
  if (typeIds && typeIds.length !== kinds.length)
    throw new InvalidInput(field, `must give one ticket type per seat (${kinds.length}), got ${typeIds.length}`);
  return kinds.map((kind, index) => {
    const wanted = typeIds?.[index];
    const type = wanted === undefined ? list.types[0] : list.types.find((candidate) => candidate.id === wanted);
    if (!type)
      throw new InvalidInput(`${field}.${index}`, `${wanted} is not a ticket type on sale at this show's theater`);
    const surchargeCents = list.surcharges[kind] ?? 0;
    return {
      ticketTypeId: type.id,
      ticketTypeName: type.name,
      surchargeCents,
      priceCents: type.priceCents + surchargeCents,
    };
  });
}
