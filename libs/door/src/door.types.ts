/**
 * The door's answer to a ticket: `admitted` (let in now), `already_admitted` (let in before:
 * `admittedAt`, `door`), `wrong_show` (a ticket of another show than the door's), `too_early`
 * (doors not open yet), `show_ended`, `cancelled` (its booking was), `forged` (the signature does
 * not hold, or names no ticket).
 */
export type CheckInResult =
  'admitted' | 'already_admitted' | 'wrong_show' | 'too_early' | 'show_ended' | 'cancelled' | 'forged';

/** The show of a ticket, as the door shows it. Times ISO-8601 UTC. */
export interface DoorShowInfo {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  theater: string;
  screen: string;
  /** When its doors open (DOOR_OPENS_MINUTES before the start). */
  doorsOpenAt: string;
}

/** `POST /api/door/check-in`'s answer. `ticket` and `show` are absent for a forged code. */
export interface CheckInAnswer {
  result: CheckInResult;
  /** One line for the door's screen, e.g. `Admitted: seat C7 (standard)`. */
  message: string;
  ticket?: { id: number; bookingCode: string; seat: string; type: string };
  show?: DoorShowInfo;
  /** When and through which door the ticket was let in (admitted, already_admitted). */
  admittedAt?: string;
  door?: string;
  /** The show the door checks for, when it was given and the ticket is of another one. */
  expectedShowId?: number;
}

/** `GET /api/door/shows/:id`: tickets let in and tickets sold (confirmed bookings' seats). */
export interface DoorShowCounts {
  show: DoorShowInfo;
  admitted: number;
  expected: number;
}
