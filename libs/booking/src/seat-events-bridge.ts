import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AppConfigService } from '@app/common';
import { ClusterMessageLog, NodeIdentity, VectorTimestamp, VectorTimestampSchema } from '@app/cluster';
import { DatabaseTopology } from '@app/database';
import { SeatChange, SeatEvents } from './seat-events';

/** A seat change on the Redis channel. */
interface SeatChangeMessage {
  showId: number;
  at: number;
  /** Node id of the sender (for `SeatChange.origin`). */
  origin: number;
  /** The sending process: processes share node ids (the worker), so this is what skips one's own. */
  instance: string;
  /** The sender's Lamport timestamp of the publish. */
  lamport: number;
  /** The sender's vector timestamp of the publish (absent from older senders). */
  vector?: VectorTimestamp;
}

/** At most one warning per this many ms, so a Redis outage does not flood the log. */
const WARN_EVERY_MS = 10_000;

/**
 * Carries seat changes between the processes of a cluster over Redis pub/sub (only when
 * REDIS_URL is set): this process's changes ({@link SeatEvents} without `origin`) are published
 * with its node id and its Lamport and vector stamps; changes published by other processes are merged into the
 * clock and fed to {@link SeatEvents.receive}, so seat-map caches and live seat maps (SSE) on every
 * node follow bookings made on any node. The channel is named after the database, so clusters
 * that share a Redis but not a database do not hear each other.
 *
 * Booking never waits on Redis: publishing is fire-and-forget, refused at once while disconnected
 * (no offline queue), and failures are logged, at most every 10 s.
 */
@Injectable()
export class SeatEventsBridge implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SeatEventsBridge');
  private readonly instance = randomUUID();
  private readonly channel: string;
  private publisher?: Redis;
  private subscriber?: Redis;
  private unsubscribe?: () => void;
  private lastWarning = 0;

  constructor(
    private readonly config: AppConfigService,
    private readonly events: SeatEvents,
    private readonly node: NodeIdentity,
    private readonly log: ClusterMessageLog,
    topology: DatabaseTopology,
  ) {
    this.channel = `marquee:seat-events:${topology.scope()}`;
  }

  onModuleInit(): void {
    const url = this.config.get('REDIS_URL');
    if (!url) return;
    this.publisher = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectionName: 'marquee-seat-events-pub',
    });
    this.subscriber = new Redis(url, { maxRetriesPerRequest: null, connectionName: 'marquee-seat-events-sub' });
    this.publisher.on('error', (error: Error) => this.warn(`publisher: ${error.message}`));
    this.subscriber.on('error', (error: Error) => this.warn(`subscriber: ${error.message}`));
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.deliver(text);
    });
    this.subscriber.subscribe(this.channel).catch((error: Error) => this.warn(`subscribe: ${error.message}`));
    this.unsubscribe = this.events.subscribe((change) => {
      if (change.origin === undefined) this.publish(change);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all(
      [this.publisher, this.subscriber].map((client) => client?.quit().catch(() => client.disconnect())),
    );
  }

  private publish(change: SeatChange): void {
    const { lamport, vector } = this.node.stamp();
    this.log.record({ direction: 'sent', type: 'SEATS', peer: null, stamp: lamport, clock: lamport, vector });
    const message: SeatChangeMessage = {
      showId: change.showId,
      at: change.at,
      origin: this.node.nodeId,
      instance: this.instance,
      lamport,
      vector,
    };
    this.publisher!.publish(this.channel, JSON.stringify(message)).catch((error: Error) =>
      this.warn(`publish: ${error.message}`),
    );
  }

  private deliver(text: string): void {
    const message = parse(text);
    if (!message) return this.warn(`ignored a malformed message on ${this.channel}`);
    if (message.instance === this.instance) return;
    const clock = this.node.receive(message.lamport, message.vector);
    this.log.record({
      direction: 'received',
      type: 'SEATS',
      peer: message.origin,
      stamp: message.lamport,
      clock: clock.lamport,
      vector: clock.vector,
    });
    this.events.receive({ showId: message.showId, at: message.at, origin: message.origin });
  }

  private warn(text: string): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn(`seat events over Redis: ${text}`);
  }
}

function parse(text: string): SeatChangeMessage | undefined {
  let value: Partial<SeatChangeMessage>;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const positive = (n: unknown) => Number.isSafeInteger(n) && (n as number) > 0;
  const valid =
    typeof value === 'object' &&
    value !== null &&
    positive(value.showId) &&
    positive(value.origin) &&
    Number.isFinite(value.at) &&
    typeof value.instance === 'string' &&
    Number.isSafeInteger(value.lamport) &&
    (value.lamport as number) >= 0 &&
    (value.vector === undefined || VectorTimestampSchema.safeParse(value.vector).success);
  return valid ? (value as SeatChangeMessage) : undefined;
}
