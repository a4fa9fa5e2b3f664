import { Injectable, Logger } from '@nestjs/common';

/** What happened to a booking: `booked` (made, directly or from a hold) or `cancelled`. */
export type BookingNoticeKind = 'booked' | 'cancelled';

/** A booking was made or cancelled on this node (after its transaction committed). */
export interface BookingNotice {
  kind: BookingNoticeKind;
  code: string;
}

type Listener = (notice: BookingNotice) => Promise<void> | void;

/**
 * After-commit notices of bookings made and cancelled on this node, for what follows a sale
 * without being part of it (the confirmation e-mail). A listener's failure, thrown or rejected,
 * is logged and never reaches the booking: the sale stands whatever a listener does.
 */
@Injectable()
export class BookingNotices {
  private readonly logger = new Logger(BookingNotices.name);
  private readonly listeners = new Set<Listener>();

  /** Calls `listener` on every notice; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener, without waiting for them; never throws. */
  publish(notice: BookingNotice): void {
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(notice))
        .catch((error: unknown) =>
          this.logger.error(`after ${notice.kind} ${notice.code}: ${error instanceof Error ? error.message : error}`),
        );
    }
  }
}
