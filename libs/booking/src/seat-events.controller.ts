import { Controller, MessageEvent, OnModuleDestroy, Param, Req, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Observable, Subject } from 'rxjs';
import { ParseIdPipe } from '@app/common';
import { seatChangeStream } from './seat-change-stream';
import { SeatEvents } from './seat-events';
import { SeatMapService } from './seat-map.service';

/** Longest the node waits at shutdown for open streams to send their end (ms). */
const SHUTDOWN_FLUSH_MS = 1_000;

/** Live seat maps: Server-Sent Events telling open seat maps of a show to re-read it. */
@ApiTags('shows')
@Controller('shows')
export class SeatEventsController implements OnModuleDestroy {
  /** Ends every open stream when the node shuts down, so closing the HTTP server does not wait on them. */
  private readonly closing = new Subject<void>();
  private readonly open = new Set<Response>();

  constructor(
    private readonly events: SeatEvents,
    private readonly seatMaps: SeatMapService,
  ) {}

  @Sse(':id/events')
  @ApiOperation({
    summary:
      'Server-Sent Events of a show: `ready` at once, `seats` { showId, at } when seats change (re-read the seat map), heartbeat comments',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream; 404 (JSON) for an unknown show' })
  async stream(@Param('id', ParseIdPipe) showId: number, @Req() request: Request): Promise<Observable<MessageEvent>> {
    // NotFound (404) before the stream opens; warms the seat-map cache the client reads next.
    await this.seatMaps.get(showId);
    const response = request.res;
    if (response) {
      this.open.add(response);
      response.once('close', () => this.open.delete(response));
    }
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
