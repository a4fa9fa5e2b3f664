import {
  Body,
  Controller,
  Get,
  HttpCode,
  MessageEvent,
  OnModuleDestroy,
  Param,
  Post,
  Req,
  Res,
  Sse,
} from '@nestjs/common';
import { ApiOkResponse, ApiTooManyRequestsResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { from, interval, map, Observable, startWith, Subject, switchMap, takeUntil } from 'rxjs';
import { AppConfigService, clientAddress, ParseIdPipe } from '@app/common';
import { QueueStreamLimitReached } from './waiting-room.exception';
import { JoinQueueDto } from './dto/queue-settings.dto';
import { ensureVisitor, tokenCookie } from './visitor-cookie';
import { QueueStatusView, WaitingRoomService } from './waiting-room.service';

/** How often a waiting page's stream sends the place (ms). */
const STREAM_INTERVAL_MS = 2_000;

/**
 * A show's waiting room for customers: join with an e-mail, read the place, follow it live (SSE).
 * The visitor cookie names the browser; once admitted, the answer carries the admission token and
 * sets it as the `marquee_queue_<showId>` cookie, which the seat page's holds and bookings send.
 */
@ApiTags('waiting room')
@Controller('shows')
export class WaitingRoomController implements OnModuleDestroy {
  private readonly closing = new Subject<void>();
  /** Open streams per client address on this node. */
  private readonly perClient = new Map<string, number>();
  private readonly maxPerClient: number;

  constructor(
    private readonly waitingRoom: WaitingRoomService,
    config: AppConfigService,
  ) {
    this.maxPerClient = config.get('MAX_EVENT_STREAMS_PER_CLIENT');
  }

  @Post(':id/queue')
  @HttpCode(200)
  @ApiOperation({ summary: 'Join the show’s queue (one place per browser and per e-mail); answers the place' })
  async join(
    @Param('id', ParseIdPipe) showId: number,
    @Body() body: JoinQueueDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<QueueStatusView> {
    const visitor = ensureVisitor(request, response);
    return withCookie(response, await this.waitingRoom.join(showId, visitor, body.email));
  }

  @Get(':id/queue')
  @ApiOperation({
    summary: 'The show’s queue and this browser’s place: position, people ahead, wait, token once admitted',
  })
  async status(
    @Param('id', ParseIdPipe) showId: number,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<QueueStatusView> {
    const visitor = ensureVisitor(request, response);
    return withCookie(response, await this.waitingRoom.status(showId, visitor));
  }

  @Sse(':id/queue/events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of `status` events (the GET answer, without setting cookies)' })
  @ApiTooManyRequestsResponse({ description: 'LIMIT_REACHED past MAX_EVENT_STREAMS_PER_CLIENT open streams' })
  @ApiOperation({ summary: 'Server-Sent Events: this browser’s place every 2 s' })
  events(@Param('id', ParseIdPipe) showId: number, @Req() request: Request): Observable<MessageEvent> {
    const client = clientAddress(request);
    const open = this.perClient.get(client) ?? 0;
    if (open >= this.maxPerClient) throw new QueueStreamLimitReached(this.maxPerClient);
    this.perClient.set(client, open + 1);
    request.res!.once('close', () => {
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
    });
    const visitor = ensureVisitor(request, request.res!);
    return interval(STREAM_INTERVAL_MS).pipe(
      startWith(0),
      switchMap(() => from(this.waitingRoom.status(showId, visitor))),
      map((data) => ({ type: 'status', data })),
      takeUntil(this.closing),
    );
  }

  onModuleDestroy(): void {
    this.closing.next();
    this.closing.complete();
  }
}

/** Sets the admission cookie when the answer carries a token. */
function withCookie(response: Response, view: QueueStatusView): QueueStatusView {
  if (view.token && view.tokenExpiresAt) {
    response.cookie(tokenCookie(view.showId), view.token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      expires: new Date(view.tokenExpiresAt),
    });
  }
  return view;
}
