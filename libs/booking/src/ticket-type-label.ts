/**
 * The ticket type shown at the door and in e-mails for one seat of a booking. The one place that
 * says it: for now the seat's kind (`standard`, `premium`, `wheelchair`); with ticket types, their
 * name (e.g. `Child`).
 */
export function ticketTypeLabel(seat: { kind: string }): string {
  return seat.kind;
}
