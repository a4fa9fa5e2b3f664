import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { DatabaseClock } from '@app/database';
import { ShowQueryService } from '@app/catalog';
import { TicketRecord, TicketService, ticketTypeLabel } from '@app/booking';
import { CheckInAnswer, DoorShowCounts, DoorShowInfo } from './door.types';

/** A check-in request: the scanned or typed code, the show the door lets in (if it says), its name. */
export interface CheckIn {
  code: string;
  showId?: number;
  door?: string;
}

/** How long a show's times are kept in memory (ms): they rarely change, and a door asks every few seconds. */
const SHOW_CACHE_MS = 30_000;

/**
 * Door check-in. A code is first checked for its signature (no database read for a forged one),
 * then against its ticket row: cancelled booking, another show than the door's, outside the
 * window (doors open DOOR_OPENS_MINUTES before the start, close at the show's end, both on the
 * database's clock), admitted before. Admission itself is the conditional UPDATE of
 * {@link TicketService.admit}: two doors (or nodes) scanning one ticket at once admit it once.
 */
@Injectable()
export class DoorService {
  private readonly shows = new Map<number, { info: DoorShowInfo; until: number }>();
  private readonly opensBeforeMs: number;

  constructor(
    private readonly tickets: TicketService,
    private readonly catalog: ShowQueryService,
    private readonly clock: DatabaseClock,
    config: AppConfigService,
  ) {
    this.opensBeforeMs = config.get('DOOR_OPENS_MINUTES') * 60_000;
  }

  /** Checks a ticket in. Never throws for a bad code: the answer says what is wrong with it. */
  async checkIn(request: CheckIn): Promise<CheckInAnswer> {
    const door = request.door ?? 'door';
    const claims = this.tickets.verify(request.code);
    const ticket = claims && (await this.tickets.find(claims.ticketId));
    if (!claims || !ticket || ticket.bookingCode !== claims.bookingCode || ticket.showId !== claims.showId)
      return { result: 'forged', message: 'Not a valid ticket: the code is forged or altered' };
    const show = await this.show(ticket.showId);
    const base = { ticket: ticketInfo(ticket), show };
    if (ticket.bookingState === 'cancelled')
      return { ...base, result: 'cancelled', message: `Booking ${ticket.bookingCode} was cancelled` };
    if (request.showId !== undefined && request.showId !== ticket.showId) {
      return {
        ...base,
        result: 'wrong_show',
        expectedShowId: request.showId,
        message: `Wrong show: this ticket is for ${show.title} at ${show.startsAt}`,
      };
    }
    if (ticket.admittedAt) return this.alreadyAdmitted(base, ticket.admittedAt, ticket.admittedDoor);
    const now = this.clock.now();
    if (now < Date.parse(show.doorsOpenAt))
      return { ...base, result: 'too_early', message: `Too early: doors open at ${show.doorsOpenAt}` };
    if (now >= Date.parse(show.endsAt)) return { ...base, result: 'show_ended', message: 'This show has ended' };
    const at = new Date(now);
    if (await this.tickets.admit(ticket.ticketId, door, at)) {
      return {
        ...base,
        result: 'admitted',
        admittedAt: at.toISOString(),
        door,
        message: `Admitted: seat ${ticket.seatLabel} (${base.ticket.type})`,
      };
    }
    // Another door won the UPDATE, or the booking was cancelled meanwhile: read which.
    const latest = await this.tickets.find(ticket.ticketId);
    if (latest?.admittedAt) return this.alreadyAdmitted(base, latest.admittedAt, latest.admittedDoor);
    return { ...base, result: 'cancelled', message: `Booking ${ticket.bookingCode} was cancelled` };
  }

  /** Tickets of show `showId` let in and sold. @throws NotFound for an unknown show. */
  async counts(showId: number): Promise<DoorShowCounts> {
    const [show, counts] = await Promise.all([this.show(showId), this.tickets.counts(showId)]);
    return { show, ...counts };
  }

  private alreadyAdmitted(
    base: Pick<CheckInAnswer, 'ticket' | 'show'>,
    admittedAt: Date,
    door: string | null,
  ): CheckInAnswer {
    return {
      ...base,
      result: 'already_admitted',
      admittedAt: admittedAt.toISOString(),
      door: door ?? 'door',
      message: `Already admitted at ${admittedAt.toISOString()} through ${door ?? 'door'}`,
    };
  }

  private async show(showId: number): Promise<DoorShowInfo> {
    const cached = this.shows.get(showId);
    if (cached && cached.until > performance.now()) return cached.info;
    const detail = await this.catalog.detail(showId);
    const startsAt = new Date(detail.startsAt);
    const info: DoorShowInfo = {
      id: detail.id,
      title: detail.movie.title,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(detail.endsAt).toISOString(),
      theater: detail.theater.name,
      screen: detail.screen.name,
      doorsOpenAt: new Date(startsAt.getTime() - this.opensBeforeMs).toISOString(),
    };
    if (this.shows.size > 1_000) this.shows.clear();
    this.shows.set(showId, { info, until: performance.now() + SHOW_CACHE_MS });
    return info;
  }
}

function ticketInfo(ticket: TicketRecord): NonNullable<CheckInAnswer['ticket']> {
  return {
    id: ticket.ticketId,
    bookingCode: ticket.bookingCode,
    seat: ticket.seatLabel,
    type: ticketTypeLabel({ kind: ticket.seatKind, ticketTypeName: ticket.ticketTypeName }),
  };
}
