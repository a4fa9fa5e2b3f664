import { randomUUID } from 'node:crypto';
import { z } from 'zod';
// The server's own name rules (pure, no Nest), so a bad name is refused before anything is sent.
import { normaliseReservationName, reservationNameProblem } from '@app/contracts';
import { ApiAnswer } from './api-client';
import { bodyOf, errorOf, refusal } from './api-answers';
import { CliContext, requireShow } from './cli-context';
import { Failure, UsageError } from './cli-errors';
import {
  alreadyBookedMessage,
  noReservationMessage,
  notEnoughSeatsMessage,
  releasedMessage,
  reservedMessage,
  seatsMessage,
} from './messages';

/** Most seats the API takes in one request (the server may allow fewer: MAX_SEATS_PER_BOOKING). */
const MAX_COUNT = 50;

const reservationSchema = z.object({ name: z.string(), seats: z.array(z.string()) });
const alreadyBookedSchema = z.object({ name: z.string(), seats: z.array(z.string()) });
const notEnoughSchema = z.object({ available: z.number().int(), requested: z.number().int() });
const releaseSchema = z.object({ released: z.number().int(), available: z.number().int() });
const notFoundSchema = z.object({ error: z.string(), message: z.string(), resource: z.string().optional() });

/** A customer name argument, normalised like the server does. @throws UsageError. */
export function parseName(raw: string): string {
  const name = normaliseReservationName(raw);
  const problem = reservationNameProblem(name);
  if (problem) throw new UsageError(`name ${problem}`);
  return name;
}

/** A seat count argument: a whole number from 1 to 50. @throws UsageError. */
export function parseCount(raw: string): number {
  const count = /^[0-9]{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(count >= 1 && count <= MAX_COUNT))
    throw new UsageError(`count must be a whole number from 1 to ${MAX_COUNT}, got "${raw}"`);
  return count;
}

/**
 * `marquee reserve <name> <count>`: the best `count` seats side by side for `name`. Every try
 * carries the same Idempotency-Key, so a retry on another server returns the first booking.
 * @returns the success line. @throws Failure (not enough seats, already booked, …), UsageError, Unreachable.
 */
export async function reserve(context: CliContext, rawName: string, rawCount: string): Promise<string> {
  const name = parseName(rawName);
  const count = parseCount(rawCount);
  const show = requireShow(context.config);
  const answer = await context.client.send({
    method: 'POST',
    path: `/shows/${show}/reservations`,
    body: { name, count },
    headers: { 'idempotency-key': randomUUID() },
  });
  if (answer.status === 201 || answer.status === 200) {
    const reservation = bodyOf(answer, reservationSchema);
    return reservedMessage(reservation.name, reservation.seats);
  }
  if (answer.status === 409) {
    const { error } = errorOf(answer);
    if (error === 'ALREADY_BOOKED') {
      const booked = bodyOf(answer, alreadyBookedSchema);
      throw new Failure(alreadyBookedMessage(booked.name, booked.seats));
    }
    if (error === 'NOT_ENOUGH_SEATS') {
      const { available, requested } = bodyOf(answer, notEnoughSchema);
      throw new Failure(notEnoughSeatsMessage(available, requested));
    }
  }
  return refusal(answer);
}

/** `marquee search <name>`: the name's seats, e.g. `F7,F8`. @throws Failure when there are none; UsageError; Unreachable. */
export async function search(context: CliContext, rawName: string): Promise<string> {
  const name = parseName(rawName);
  const answer = await context.client.send({
    method: 'GET',
    path: `/shows/${requireShow(context.config)}/reservations`,
    query: { name },
  });
  if (answer.status === 200) return seatsMessage(bodyOf(answer, reservationSchema).seats);
  if (isNoReservation(answer)) throw new Failure(noReservationMessage(name));
  return refusal(answer);
}

/**
 * `marquee delete <name>`: releases the name's seats.
 * @returns `<released> seats have been released. <left> seats are now available.`
 * @throws Failure when the name holds no reservation; UsageError; Unreachable.
 */
export async function release(context: CliContext, rawName: string): Promise<string> {
  const name = parseName(rawName);
  const answer = await context.client.send({
    method: 'DELETE',
    path: `/shows/${requireShow(context.config)}/reservations`,
    query: { name },
  });
  if (answer.status === 200) {
    const { released, available } = bodyOf(answer, releaseSchema);
    return releasedMessage(released, available);
  }
  if (isNoReservation(answer)) {
    // A release is not idempotent by key: a try that timed out may have done it already.
    const earlier = answer.failedTries.find((failure) => failure.mayHaveRun);
    if (earlier)
      context.note(
        `marquee: an earlier try (server ${earlier.server.id}) may have released it before it stopped answering`,
      );
    throw new Failure(noReservationMessage(name));
  }
  return refusal(answer);
}

function isNoReservation(answer: ApiAnswer): boolean {
  return answer.status === 404 && bodyOf(answer, notFoundSchema).resource === 'reservation';
}
