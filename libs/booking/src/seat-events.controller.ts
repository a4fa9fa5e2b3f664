import { Controller, MessageEvent, OnModuleDestroy, Param, Req, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Observable, Subject } from 'rxjs';
import { AppConfigService, clientAddress, ParseIdPipe } from '@app/common';
import { StreamLimitReached } from './booking.exception';
import { seatChangeStream } from './seat-change-stream';
import { SeatEvents } from './seat-events';
import { SeatMapService } from './seat-map.service';

/** Longest the node waits at shutdown for open streams to send their end (ms). */
const SHUTDOWN_FLUSH_MS = 1_000;

/**
 * Live seat maps: Server-Sent Events telling open seat maps of a show to re-read it. At most
 * MAX_EVENT_STREAMS_PER_CLIENT streams are open per client address on a node (429 beyond).
 */
@ApiTags('shows')
@Controller('shows')
export class SeatEventsController implements OnModuleDestroy {
  /** Ends every open stream when the node shuts down, so closing the HTTP server does not wait on them. */
  private readonly closing = new Subject<void>();
  private readonly open = new Set<Response>();
  /** Open streams per client address. */
  private readonly perClient = new Map<string, number>();
  private readonly maxPerClient: number;

  constructor(
    private readonly events: SeatEvents,
    private readonly seatMaps: SeatMapService,
    config: AppConfigService,
  ) {
    this.maxPerClient = config.get('MAX_EVENT_STREAMS_PER_CLIENT');
  }

  @Sse(':id/events')
  @ApiOperation({
    summary:
      'Server-Sent Events of a show: `ready` at once, `seats` { showId, at } when seats change (re-read the seat map), heartbeat comments',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'text/event-stream; 404 (JSON) for an unknown show; 429 past MAX_EVENT_STREAMS_PER_CLIENT',
  })
  async stream(@Param('id', ParseIdPipe) showId: number, @Req() request: Request): Promise<Observable<MessageEvent>> {
    const client = clientAddress(request);
    if ((this.perClient.get(client) ?? 0) >= this.maxPerClient) throw new StreamLimitReached(this.maxPerClient);
    // Counted before the first await, so concurrent opens cannot all pass the check.
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    const release = once(() => {
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
    });
    try {
      // NotFound (404) before the stream opens; warms the seat-map cache the client reads next.
      await this.seatMaps.get(showId);
    } catch (error) {
      release();
      throw error;
    }
    const response = request.res!;
    this.open.add(response);
    response.once('close', () => {
      this.open.delete(response);
      release();
    });
    if (response.destroyed) release();
    return seatChangeStream(this.events, showId, this.closing);
  }

  /**
   * Completes every stream and waits (up to 1 s) until their ends are sent: the connections are
   * then idle, so closing the HTTP server closes them instead of waiting for keep-alive timeouts.
   */
  async onModuleDestroy(): Promise<void> {
    this.closing.next();
    this.closing.complete();
    await Promise.all(
      [...this.open].map(
        (response) =>
          new Promise<void>((resolve) => {
            if (response.writableFinished || response.destroyed) return resolve();
            const timer = setTimeout(resolve, SHUTDOWN_FLUSH_MS);
            const done = () => {
              clearTimeout(timer);
              resolve();
            };
            response.once('finish', done);
            response.once('close', done);
          }),
      ),
    );
  }
}

/** `action`, run at most once however often the result is called. */
function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
