/**
 * A customer's reservation for a show, as answered by the reservation API: the seat labels
 * (e.g. `['F7', 'F8']`) and the code of the booking that holds them.
 */
export interface ReservationView {
  name: string;
  showId: number;
  seats: string[];
  bookingCode: string;
}

/** The answer to releasing a reservation: seats released and seats of the show now available. */
export interface ReleaseView {
  name: string;
  showId: number;
  released: number;
  available: number;
}
