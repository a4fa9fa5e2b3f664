import type { MessageEvent } from '@nestjs/common';
import { firstValueFrom, Subject, take, toArray } from 'rxjs';
import { seatChangeStream } from './seat-change-stream';
import { SeatEvents } from './seat-events';

const FAST = { heartbeatMs: 60_000, throttleMs: 30, retryMs: 2_000 };

describe('seatChangeStream', () => {
  afterEach(() => jest.useRealTimers());

  it('opens with ready, then sends changes of its show only', async () => {
    const events = new SeatEvents();
    const stop = new Subject<void>();
    const received = firstValueFrom(seatChangeStream(events, 7, stop, FAST).pipe(take(2), toArray()));
    events.changed(8); // another show: not sent
    events.changed(7);
    const [ready, change] = await received;
    expect(ready).toEqual({ type: 'ready', data: { showId: 7 }, retry: 2_000 });
    expect(change).toEqual({ type: 'seats', data: { showId: 7, at: expect.any(Number) } });
  });

  it('throttles a burst to its first and last change, and completes when told to stop', async () => {
    jest.useFakeTimers();
    const events = new SeatEvents();
    const stop = new Subject<void>();
    const messages: MessageEvent[] = [];
    const done = new Promise<void>((resolve) =>
      seatChangeStream(events, 1, stop, FAST).subscribe({ next: (m) => messages.push(m), complete: resolve }),
    );
    for (let i = 0; i < 20; i++) events.changed(1);
    await jest.advanceTimersByTimeAsync(120);
    stop.next();
    await done;
    const seats = messages.filter((message) => message.type === 'seats');
    expect(seats).toHaveLength(2);
    events.changed(1); // after completion: nobody listens any more
    expect(messages.filter((message) => message.type === 'seats')).toHaveLength(2);
  });

  it('sends heartbeat comments while idle and unsubscribes from SeatEvents when closed', async () => {
    jest.useFakeTimers();
    const events = new SeatEvents();
    const subscribe = jest.spyOn(events, 'subscribe');
    const stop = new Subject<void>();
    const received = firstValueFrom(
      seatChangeStream(events, 1, stop, { ...FAST, heartbeatMs: 10 }).pipe(take(3), toArray()),
    );
    await jest.advanceTimersByTimeAsync(25);
    const messages = await received;
    expect(messages.slice(1)).toEqual([{ comment: 'heartbeat' }, { comment: 'heartbeat' }]);
    expect(subscribe).toHaveBeenCalledTimes(1);
    const unsubscribe = subscribe.mock.results[0].value as () => void;
    expect(typeof unsubscribe).toBe('function');
  });
});
