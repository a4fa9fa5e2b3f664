import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { BookingNotice, BookingNotices, TicketService } from '@app/booking';
import { ShowQueryService } from '@app/catalog';
import { JobName, JobPayloads, JobQueue, JobRegistry } from '@app/jobs';
import { bookingMail } from './booking-mail';
import { MailTransport, Sent } from './mail-transport';

/**
 * Booking e-mails: on every booking made or cancelled (a {@link BookingNotices} notice, after the
 * commit) a SendBookingMail job is enqueued — BullMQ with Redis (apps/worker sends), else in this
 * process — retried with exponential backoff (JOB_RETRY). Enqueueing never blocks or fails the
 * booking: it runs after the answer is decided, and its failure is logged.
 */
@Injectable()
export class BookingMailService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(BookingMailService.name);
  private unsubscribe?: () => void;

  constructor(
    private readonly notices: BookingNotices,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly tickets: TicketService,
    private readonly shows: ShowQueryService,
    private readonly transport: MailTransport,
    private readonly config: AppConfigService,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.SendBookingMail, (payload) => this.send(payload));
    this.unsubscribe = this.notices.subscribe((notice) => this.enqueue(notice));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Enqueues the e-mail of `notice` (job id `<code>-<event>`: one per booking and event). Logs, never throws. */
  async enqueue(notice: BookingNotice): Promise<void> {
    try {
      await this.jobs.enqueue(
        JobName.SendBookingMail,
        { code: notice.code, event: notice.kind },
        { jobId: `${notice.code}-${notice.kind}` },
      );
    } catch (error) {
      this.logger.error(`could not enqueue the ${notice.kind} e-mail of ${notice.code}: ${String(error)}`);
    }
  }

  /**
   * The SendBookingMail job: builds the e-mail of booking `code` for `event` and sends it. A
   * confirmation of a booking cancelled since is not sent (its cancellation e-mail follows).
   * @throws NotFound for an unknown booking (not retried); the transport's error (retried).
   */
  async send({ code, event }: JobPayloads[JobName.SendBookingMail]): Promise<Sent | { skipped: string }> {
    const { booking, tickets } = await this.tickets.forBooking(code);
    if (event === 'booked' && booking.state === 'cancelled') return { skipped: 'cancelled since' };
    const show = await this.shows.detail(booking.showId);
    const qrPngs = new Map<number, Buffer>();
    if (event === 'booked') for (const ticket of tickets) qrPngs.set(ticket.id, await this.tickets.qrPng(ticket.code));
    const message = bookingMail({
      event,
      booking,
      tickets,
      qrPngs,
      from: this.config.get('MAIL_FROM'),
      show: {
        title: show.movie.title,
        startsAt: new Date(show.startsAt).getTime(),
        endsAt: new Date(show.endsAt).getTime(),
        theater: show.theater.name,
        screen: show.screen.name,
        timeZone: show.theater.timeZone,
      },
    });
    return this.transport.send(message, `${code}-${event}`);
  }
}
