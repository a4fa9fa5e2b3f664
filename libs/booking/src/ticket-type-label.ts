/**
 * The ticket type shown at the door and in e-mails for one seat of a booking: the type's name as
 * sold (e.g. `Child`, copied onto `booking_seat`), or the seat's kind for seats booked before
 * ticket types existed.
 */
export function ticketTypeLabel(seat: { kind: string; ticketTypeName?: string | null }): string {
  return seat.ticketTypeName ?? seat.kind;
}
