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
  failedMessage,
  noReservationMessage,
  notEnoughSeatsMessage,
  releasedMessage,
  reservedMessage,
  seatsMessage,
} from './messages';

/**
 * Largest count the client sends (the API's RESERVATION_COUNT_LIMIT): the server answers "only
 * <left> seats left" for a count above the seats left, else refuses one above MAX_SEATS_PER_BOOKING.
 */
const MAX_COUNT = 10_000;

const reservationSchema = z.object({ name: z.string(), seats: z.array(z.string()) });
// `secret` is optional: a server from before secrets answers without one.
const reservedSchema = reservationSchema.extend({
  secret: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
});
const alreadyBookedSchema = z.object({ name: z.string(), seats: z.array(z.string()).optional(), message: z.string() });
const notEnoughSchema = z.object({ available: z.number().int(), requested: z.number().int() });
const releaseSchema = z.object({ released: z.number().int(), available: z.number().int() });
const notFoundSchema = z.object({ error: z.string(), message: z.string(), resource: z.string().optional() });

/**
 * The headers that show the server this user may see `name`'s reservation: its stored secret
 * (`Reservation-Secret`), and the admin token when one is configured.
 */
function accessHeaders(context: CliContext, show: number, name: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const secret = context.secrets.get(show, name);
  if (secret) headers['reservation-secret'] = secret;
  if (context.config.token !== undefined) headers.authorization = `Bearer ${context.config.token}`;
  return headers;
}

/** A customer name argument, normalised like the server does. @throws UsageError. */
export function parseName(raw: string): string {
  const name = normaliseReservationName(raw);
  const problem = reservationNameProblem(name);
  if (problem) throw new UsageError(`name ${problem}`);
  return name;
}

/** A seat count argument: a whole number from 1 to 10000. @throws UsageError. */
export function parseCount(raw: string): number {
  const count = /^[0-9]{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(count >= 1 && count <= MAX_COUNT))
    throw new UsageError(`count must be a whole number from 1 to ${MAX_COUNT}, got "${raw}"`);
  return count;
}

const ticketTypesSchema = z.object({ ticketTypes: z.array(z.object({ id: z.number().int(), name: z.string() })) });

/**
 * A `--types` option, e.g. `adult=2,child=1`: ticket type names (case-insensitive, as the
 * theater names them) with seat counts, in order. @throws UsageError.
 */
export function parseTypes(raw: string): { name: string; count: number }[] {
  const parts = raw.split(',').map((part) => part.trim());
  return parts.map((part) => {
    const match = /^([^=]{1,40})=([0-9]{1,3})$/.exec(part);
    const count = match ? Number(match[2]) : 0;
    if (!match || count < 1 || !match[1].trim())
      throw new UsageError(`--types must be name=count pairs separated by commas, e.g. adult=2,child=1; got "${part}"`);
    return { name: match[1].trim(), count };
  });
}

/**
 * The ticket type ids of `types` at the show's theater, one per seat in the order given.
 * @throws UsageError when the counts do not add up to `count` or a name is not a type of the show.
 */
async function ticketTypeIds(
  context: CliContext,
  show: number,
  types: { name: string; count: number }[],
  count: number,
): Promise<number[]> {
  const total = types.reduce((sum, type) => sum + type.count, 0);
  if (total !== count) throw new UsageError(`--types add up to ${total} seats but <count> is ${count}`);
  const answer = await context.client.send({ method: 'GET', path: `/shows/${show}/ticket-types` });
  if (answer.status !== 200) return refusal(answer);
  const known = bodyOf(answer, ticketTypesSchema).ticketTypes;
  return types.flatMap(({ name, count: seats }) => {
    const type = known.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!type)
      throw new UsageError(
        `--types: no ticket type "${name}" at this show; its types: ${known.map((t) => t.name).join(', ')}`,
      );
    return Array<number>(seats).fill(type.id);
  });
}

/**
 * `marquee reserve <name> <count> [--types adult=2,child=1]`: the best `count` seats side by side
 * for `name`, with the ticket types given (default: the theater's first type). Every try carries
 * the same Idempotency-Key, so a retry on another server returns the first booking.
 * @returns the success line. @throws Failure (not enough seats, already booked, …), UsageError, Unreachable.
 */
export async function reserve(
  context: CliContext,
  rawName: string,
  rawCount: string,
  rawTypes?: string,
): Promise<string> {
  const name = parseName(rawName);
  const count = parseCount(rawCount);
  const types = rawTypes === undefined ? undefined : parseTypes(rawTypes);
  const show = requireShow(context.config);
  const typeIds = types && (await ticketTypeIds(context, show, types, count));
  const answer = await context.client.send({
    method: 'POST',
    path: `/shows/${show}/reservations`,
    body: typeIds ? { name, count, ticketTypeIds: typeIds } : { name, count },
    headers: { 'idempotency-key': randomUUID(), ...accessHeaders(context, show, name) },
  });
  if (answer.status === 201 || answer.status === 200) {
    const reservation = bodyOf(answer, reservedSchema);
    if (reservation.secret) context.secrets.set(show, reservation.name, reservation.secret);
    return reservedMessage(reservation.name, reservation.seats);
  }
  if (answer.status === 409) {
    const { error } = errorOf(answer);
    if (error === 'ALREADY_BOOKED') {
      // The seats come only to the reservation's holder (or the admin); others learn it is taken.
      const booked = bodyOf(answer, alreadyBookedSchema);
      throw new Failure(booked.seats ? alreadyBookedMessage(booked.name, booked.seats) : failedMessage(booked.message));
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
  const show = requireShow(context.config);
  const answer = await context.client.send({
    method: 'GET',
    path: `/shows/${show}/reservations`,
    query: { name },
    headers: accessHeaders(context, show, name),
  });
  if (answer.status === 200) return seatsMessage(bodyOf(answer, reservationSchema).seats);
  if (isNoReservation(answer)) throw new Failure(noReservationMessage(name));
  if (answer.status === 401) throw noSecret(context, name);
  return refusal(answer);
}

/** No reservation this user may see: the contract's line, and on stderr why. */
function noSecret(context: CliContext, name: string): Failure {
  context.note(
    `marquee: no reservation secret for ${name} is stored for these servers (only the client that reserved has it); the admin token (ADMIN_TOKEN) may look names up`,
  );
  return new Failure(noReservationMessage(name));
}

/**
 * `marquee delete <name>`: releases the name's seats.
 * @returns `<released> seats have been released. <left> seats are now available.`
 * @throws Failure when the name holds no reservation; UsageError; Unreachable.
 */
export async function release(context: CliContext, rawName: string): Promise<string> {
  const name = parseName(rawName);
  const show = requireShow(context.config);
  const answer = await context.client.send({
    method: 'DELETE',
    path: `/shows/${show}/reservations`,
    query: { name },
    headers: accessHeaders(context, show, name),
  });
  if (answer.status === 200) {
    const { released, available } = bodyOf(answer, releaseSchema);
    return releasedMessage(released, available);
  }
  if (answer.status === 401) throw noSecret(context, name);
  if (isNoReservation(answer)) {
    // Gone (released here or elsewhere): its secret opens nothing any more.
    if (context.secrets.get(show, name)) context.secrets.set(show, name, undefined);
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
