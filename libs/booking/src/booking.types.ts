/** A customer as given on holds and bookings. Email is compared case-insensitively. */
export interface Customer {
  name: string;
  email: string;
}

/**
 * A seat (a ticket) as answered by the API: `priceCents` is the final price (ticket type price +
 * `surchargeCents` for the seat's kind), integer cents; `ticketType` null on seats booked before
 * ticket types.
 */
export interface SeatView {
  id: number;
  label: string;
  kind: string;
  priceCents: number;
  ticketType: { id: number; name: string } | null;
  surchargeCents: number;
}

/** A booking as answered by the API; `total` is in integer cents. */
export interface BookingView {
  code: string;
  showId: number;
  state: 'confirmed' | 'cancelled';
  customer: Customer;
  seats: SeatView[];
  total: number;
  currency: 'cents';
  /** ISO 4217 code of the theater's currency, e.g. `EUR` (`total` and prices are its minor units). */
  currencyCode: string;
  lamportTs: number;
  nodeId: number;
  createdAt: string;
  cancelledAt: string | null;
}

/**
 * A hold as answered by the API; `expiresAt` ISO-8601 on the database's clock, `expiresInMs` the
 * time left when answered (what a page counts down from, whatever the browser's clock says).
 */
export interface HoldView {
  holdId: string;
  showId: number;
  state: 'active' | 'confirmed' | 'released' | 'expired';
  seats: SeatView[];
  total: number;
  currency: 'cents';
  currencyCode: string;
  expiresAt: string;
  expiresInMs: number;
  bookingCode?: string;
}

/** The answer to a cancellation: seats released and seats now available for the show. */
export interface CancelResult {
  code: string;
  released: number;
  available: number;
}

/** Normalises a customer: trimmed name, trimmed lower-case email. */
export function normaliseCustomer(customer: Customer): Customer {
  return { name: customer.name.trim(), email: customer.email.trim().toLowerCase() };
}
