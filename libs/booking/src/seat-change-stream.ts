import type { MessageEvent } from '@nestjs/common';
import { interval, map, merge, Observable, of, takeUntil, throttleTime, asyncScheduler } from 'rxjs';
import { SeatChange, SeatEvents } from './seat-events';

/** Timings of a live seat-map stream, in milliseconds. */
export interface SeatChangeStreamOptions {
  /** A comment line this often keeps proxies (nginx) and the browser from closing an idle stream. */
  heartbeatMs: number;
  /** Changes closer together than this are sent as one event (first and last of a burst). */
  throttleMs: number;
  /** How long the browser waits before reconnecting a dropped stream (SSE `retry`). */
  retryMs: number;
}

/** Defaults: heartbeat every 15 s, at most ~4 events a second, reconnect after 2 s. */
export const SEAT_CHANGE_STREAM_DEFAULTS: SeatChangeStreamOptions = {
  heartbeatMs: 15_000,
  throttleMs: 250,
  retryMs: 2_000,
};

/**
 * The Server-Sent Events of one show's live seat map:
 * - at once `event: ready` with `{ showId }` and the reconnect delay (`retry`), so the browser
 *   knows the stream is open and re-reads the seat map (it may have missed changes while away);
 * - `event: seats` with `{ showId, at }` whenever seats of the show change on this node
 *   (holds, bookings, releases, expiries, cancellations; across nodes once the cluster bridges
 *   {@link SeatEvents} over Redis): the client re-reads `GET /api/shows/:id/seats` (ETag, cached);
 * - `: heartbeat` comments every `heartbeatMs`.
 * Bursts are throttled (leading and trailing) so a hot show does not flood its watchers; the last
 * change of a burst is always sent. Completes when `until` emits (node shutting down).
 */
export function seatChangeStream(
  events: SeatEvents,
  showId: number,
  until: Observable<unknown>,
  options: SeatChangeStreamOptions = SEAT_CHANGE_STREAM_DEFAULTS,
): Observable<MessageEvent> {
  const changes = new Observable<SeatChange>((subscriber) =>
    events.subscribe((change) => {
      if (change.showId === showId) subscriber.next(change);
    }),
  );
  return merge(
    of<MessageEvent>({ type: 'ready', data: { showId }, retry: options.retryMs }),
    changes.pipe(
      throttleTime(options.throttleMs, asyncScheduler, { leading: true, trailing: true }),
      map((change): MessageEvent => ({ type: 'seats', data: { showId, at: change.at } })),
    ),
    interval(options.heartbeatMs).pipe(map((): MessageEvent => ({ comment: 'heartbeat' }))),
  ).pipe(takeUntil(until));
}
