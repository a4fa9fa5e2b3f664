import { Injectable, OnModuleInit } from '@nestjs/common';
import { ClusterNode } from '@app/cluster';
import { JobQueue } from '@app/jobs';
import { SeatTotalsService } from '@app/booking';
import { HttpMetrics, MetricsRegistry } from '@app/metrics';
import { QueueStatsView, WaitingRoomService } from '@app/waiting-room';

/** Seat totals are a COUNT over every show: computed at most this often (ms), whatever the scrape rate. */
const SEAT_TOTALS_CACHE_MS = 5_000;

/** Shape of a database server in `GET /api/cluster` (libs/database's status), as far as metrics read it. */
interface ServerView {
  host: string;
  port: number;
  role: string;
  lagMs: number | null;
}

/**
 * What this node's `/metrics` shows beyond HTTP (libs/metrics): gauges read at scrape time from
 * the status the node already keeps — the cluster (`ClusterNode.status()`: term, leader, peers,
 * database epoch and servers with their replica lag), the job queues' depths and the seat totals.
 * The booking routes are tracked as operations (outcomes, latency).
 */
@Injectable()
export class MetricsWiring implements OnModuleInit {
  private seatTotals?: { at: number; value: Promise<{ held: number; booked: number }> };
  private queueStats?: { at: number; value: Promise<QueueStatsView[]> };

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly http: HttpMetrics,
    private readonly cluster: ClusterNode,
    private readonly jobs: JobQueue,
    private readonly seats: SeatTotalsService,
    private readonly waitingRoom: WaitingRoomService,
  ) {}

  onModuleInit(): void {
    this.http.track({
      'POST /api/shows/:id/holds': 'hold',
      'POST /api/holds/:holdId/confirm': 'booking',
      'POST /api/bookings': 'booking',
    });
    const status = () => this.cluster.status();
    this.metrics.gaugeFrom('marquee_cluster_term', 'Election term this node is in', [], async () => [
      { value: (await status()).term },
    ]);
    this.metrics.gaugeFrom(
      'marquee_cluster_leader',
      'Node id of the leader this node follows (0: none)',
      [],
      async () => [{ value: (await status()).leader ?? 0 }],
    );
    this.metrics.gaugeFrom(
      'marquee_cluster_node_up',
      'Whether this node sees each member up (1) or not (0)',
      ['node'],
      async () => (await status()).nodes.map((node) => ({ labels: { node: node.id }, value: node.up ? 1 : 0 })),
    );
    this.metrics.gaugeFrom(
      'marquee_database_epoch',
      'Database epoch (bumped by every primary failover)',
      [],
      async () => [{ value: (await status()).epoch }],
    );
    this.metrics.gaugeFrom(
      'marquee_database_server_up',
      'Each database server: 1 when it answers, by role (primary, replica, fenced, down)',
      ['server', 'role'],
      async () =>
        servers(await status()).map((server) => ({
          labels: { server: `${server.host}:${server.port}`, role: server.role },
          value: server.role === 'down' ? 0 : 1,
        })),
    );
    this.metrics.gaugeFrom(
      'marquee_database_replica_lag_seconds',
      'Replication lag of each replica, measured from its copy of the primary heartbeat',
      ['server'],
      async () =>
        servers(await status())
          .filter((server) => server.role === 'replica' && server.lagMs !== null)
          .map((server) => ({ labels: { server: `${server.host}:${server.port}` }, value: server.lagMs! / 1000 })),
    );
    this.metrics.gaugeFrom(
      'marquee_queue_jobs',
      'Jobs per queue and state (waiting, delayed, active, failed)',
      ['queue', 'state'],
      async () =>
        (await this.jobs.depths()).flatMap(({ queue, ...states }) =>
          Object.entries(states).map(([state, value]) => ({ labels: { queue, state }, value })),
        ),
    );
    this.metrics.gaugeFrom(
      'marquee_seats',
      'Seats held by live holds and seats booked, over every show',
      ['state'],
      async () => {
        const totals = await this.totals();
        return [
          { labels: { state: 'held' }, value: totals.held },
          { labels: { state: 'booked' }, value: totals.booked },
        ];
      },
    );
    this.waitingRoomGauges();
  }

  /** The waiting rooms' gauges, one sample per queued show (its totals read once per scrape). */
  private waitingRoomGauges(): void {
    const gauge = (name: string, help: string, read: (room: QueueStatsView) => number | null) =>
      this.metrics.gaugeFrom(name, help, ['show'], async () =>
        (await this.rooms()).flatMap((room) => {
          const value = read(room);
          return value === null ? [] : [{ labels: { show: room.showId }, value }];
        }),
      );
    gauge('marquee_waiting_room_length', 'Customers in the waiting room of each queued show', (room) => room.waiting);
    gauge(
      'marquee_waiting_room_arrivals_per_minute',
      'Distinct customers who arrived at each queued show in the last 60 s',
      (room) => room.arrivalsLastMinute,
    );
    gauge(
      'marquee_waiting_room_admissions_per_minute',
      'Customers admitted from each waiting room in the last 60 s',
      (room) => room.admissionsLastMinute,
    );
    gauge(
      'marquee_waiting_room_average_wait_seconds',
      'Mean time from arrival to admission in each waiting room',
      (room) => (room.averageWaitMs === null ? null : room.averageWaitMs / 1000),
    );
  }

  private rooms(): Promise<QueueStatsView[]> {
    const cached = this.queueStats;
    if (cached && Date.now() - cached.at < 1_000) return cached.value;
    const value = this.waitingRoom.stats();
    this.queueStats = { at: Date.now(), value };
    value.catch(() => this.queueStats?.value === value && (this.queueStats = undefined));
    return value;
  }

  private totals(): Promise<{ held: number; booked: number }> {
    const cached = this.seatTotals;
    if (cached && Date.now() - cached.at < SEAT_TOTALS_CACHE_MS) return cached.value;
    const value = this.seats.totals();
    this.seatTotals = { at: Date.now(), value };
    value.catch(() => this.seatTotals?.value === value && (this.seatTotals = undefined));
    return value;
  }
}

/** The database servers of a cluster status (typed loosely there: libs/cluster does not know them). */
function servers(status: { databases: unknown[] }): ServerView[] {
  return status.databases.filter(
    (server): server is ServerView =>
      typeof server === 'object' && server !== null && 'host' in server && 'role' in server,
  );
}
