import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  MessageEvent,
  OnModuleDestroy,
  Post,
  Query,
  Sse,
  UseGuards,
} from '@nestjs/common';
import {
  catchError,
  EMPTY,
  from,
  interval,
  Observable,
  shareReplay,
  startWith,
  Subject,
  switchMap,
  takeUntil,
} from 'rxjs';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminGuard } from '@app/common';
import { ClusterEnvelope, ClusterReplyType } from './cluster-message';
import { ClockStatus, ClockSync } from './clock-sync';
import { ClusterNode, ClusterStatus } from './cluster-node';
import { ClusterMessageDto } from './dto/cluster-message.dto';
import { ElectionQueryDto } from './dto/election-query.dto';
import { MessageLogQueryDto } from './dto/message-log-query.dto';
import { LamportMutex } from './lamport-mutex';
import { ClusterMessageLog, LoggedMessage } from './cluster-message-log';

/** How often `GET /api/cluster/stream` sends the cluster's state. */
const STREAM_EVERY_MS = 1_000;

/**
 * `GET /api/cluster` (status, public), `GET /api/cluster/stream` (the same and the clocks and
 * locks as Server-Sent Events, one shared producer for all streams), `POST /api/cluster/election` (admin: start an election),
 * `POST /api/cluster/messages` (node-to-node messages, authenticated with the shared ADMIN_TOKEN)
 * and `GET /api/cluster/messages` (admin: the last messages with their Lamport stamps).
 */
@ApiTags('cluster')
@Controller('cluster')
export class ClusterController implements OnModuleDestroy {
  private readonly closing = new Subject<void>();
  private readonly statusEvents: Observable<MessageEvent>;

  constructor(
    private readonly node: ClusterNode,
    private readonly log: ClusterMessageLog,
    private readonly clocks: ClockSync,
    private readonly mutex: LamportMutex,
  ) {
    // One status a second for all open streams, whatever their number; a new stream gets the last one at once.
    this.statusEvents = interval(STREAM_EVERY_MS).pipe(
      startWith(0),
      switchMap(
        () =>
          from(
            this.node.status().then((cluster): MessageEvent => ({
              type: 'status',
              data: { cluster, clocks: this.clocks.status(), mutex: this.mutex.status() },
            })),
          ).pipe(catchError(() => EMPTY)), // a round that failed (a database probe) is skipped, the stream goes on
      ),
      takeUntil(this.closing),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
  }

  @Sse('stream')
  @ApiOperation({
    summary:
      'Server-Sent Events for the System Monitor: a `status` event every second with { cluster, clocks, mutex } as this node sees them',
  })
  stream(): Observable<MessageEvent> {
    return this.statusEvents;
  }

  /** Ends every open stream when the node shuts down, so closing the HTTP server does not wait on them. */
  onModuleDestroy(): void {
    this.closing.next();
    this.closing.complete();
  }

  @Get('clocks')
  @ApiOperation({
    summary:
      "This node's clock offset from the cluster's agreed time (Berkeley), whether it is flagged (> MAX_CLOCK_OFFSET_MS), and the last round's readings",
  })
  clockStatus(): ClockStatus {
    return this.clocks.status();
  }

  @Get()
  @ApiOperation({
    summary:
      'The cluster as this node sees it: leader, term, members up/down, Lamport clocks, last heartbeats, requests served',
  })
  status(): Promise<ClusterStatus> {
    return this.node.status();
  }

  @Post('election')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiUnauthorizedResponse({ description: 'no bearer token' })
  @ApiForbiddenResponse({ description: 'wrong admin token' })
  @ApiOperation({
    summary:
      'Start an election from this node, Bully or Ring (`?algorithm=`, default ELECTION_ALGORITHM); 202 with the state right after — poll GET /api/cluster for the outcome',
  })
  election(@Query() query: ElectionQueryDto) {
    return this.node.triggerElection(query.algorithm);
  }

  @Post('messages')
  @HttpCode(HttpStatus.OK)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiOperation({
    summary:
      'Node-to-node messages (HEARTBEAT, ELECTION, COORDINATOR, RING, EPOCH, CLOCK_*, MUTEX_*); answered with ANSWER or ACK (Lamport- and vector-stamped)',
  })
  @ApiOkResponse({ description: '{ type: ANSWER | ACK, from, term, lamport, payload: { leader } }' })
  receive(@Body() message: ClusterMessageDto): ClusterEnvelope<ClusterReplyType> {
    return this.node.receive(message);
  }

  @Get('messages')
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiOperation({
    summary: "This node's last messages (oldest first) with their Lamport stamps and its clock after each",
  })
  messages(@Query() query: MessageLogQueryDto): LoggedMessage[] {
    return this.log.recent(query.limit);
  }
}
