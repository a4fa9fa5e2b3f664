/**
 * The customer-facing lines of the command-line client, exactly as DESIGN.md words them
 * ("Command-line client"). Seat lists are joined with commas, no spaces: `F7,F8`.
 */

/** `reserve` success. */
export function reservedMessage(name: string, seats: string[]): string {
  return `The seats have been reserved for ${name}: ${seats.join(',')}.`;
}

/** `reserve` when fewer than `count` seats are left. */
export function notEnoughSeatsMessage(left: number, count: number): string {
  return `Failed: only ${left} seats left but ${count} seats are requested.`;
}

/** `reserve` when the name already holds seats of the show. */
export function alreadyBookedMessage(name: string, seats: string[]): string {
  return `Failed: ${name} has booked the following seats: ${seats.join(',')}.`;
}

/** `search` success: the seat numbers. */
export function seatsMessage(seats: string[]): string {
  return seats.join(',');
}

/** `search` and `delete` when the name holds no reservation. */
export function noReservationMessage(name: string): string {
  return `Failed: no reservation is made by ${name}.`;
}

/** `delete` success. */
export function releasedMessage(released: number, left: number): string {
  return `${released} seats have been released. ${left} seats are now available.`;
}

/** Any other refusal, from the server's message: `Failed: show 7 has already started.` */
export function failedMessage(message: string): string {
  const text = message.trim() || 'the server refused the request';
  return `Failed: ${text}${/[.!?]$/.test(text) ? '' : '.'}`;
}
