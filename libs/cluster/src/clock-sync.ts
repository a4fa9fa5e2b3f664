import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { z } from 'zod';
import { AppConfigService } from '@app/common';
import { berkeleyRound, ClockReading, estimateOffset } from './berkeley';
import { ClusterNode } from './cluster-node';
import { LeaderWork } from './leader-work';
import { NodeIdentity } from './node-identity';

/** One node's part of a round, as the leader sends it round. */
const RoundReading = z.object({
  node: z.number().int().positive(),
  offsetMs: z.number().finite(),
  rttMs: z.number().finite().nonnegative(),
  correctionMs: z.number().finite(),
  excluded: z.boolean(),
});
export type RoundReading = z.infer<typeof RoundReading>;

/** CLOCK_ADJUST: the leader tells a node its correction, with the whole round for the monitor. */
export const ClockAdjustMessage = z.object({
  correctionMs: z.number().finite(),
  averageMs: z.number().finite(),
  at: z.string().max(40),
  readings: z.array(RoundReading).max(1_000),
});
export type ClockAdjustMessage = z.infer<typeof ClockAdjustMessage>;

/** This node's clock as the cluster sees it: `GET /api/cluster/clocks`. */
export interface ClockStatus {
  nodeId: number;
  /** How far this node's clock is ahead of the cluster's agreed time (ms; negative: behind), null before a round. */
  offsetMs: number | null;
  /** What Berkeley told it to add to its clock (−offset). Applied to nothing that decides: shown and flagged only. */
  correctionMs: number | null;
  /** |offset| above MAX_CLOCK_OFFSET_MS. */
  flagged: boolean;
  maxOffsetMs: number;
  /** The last round this node took part in (run by the leader; ISO time on the leader's clock). */
  lastRound: { at: string; leader: number; averageMs: number; readings: RoundReading[] } | null;
}

/**
 * Berkeley clock synchronisation (Gusella & Zatti 1989; the arithmetic in {@link berkeleyRound}),
 * as leader work every CLOCK_SYNC_INTERVAL_MS: the leader polls each peer's clock (CLOCK_POLL,
 * answered with the peer's wall clock), estimates the offsets, averages them without the
 * outliers, and sends each peer its correction (CLOCK_ADJUST). Every node keeps its offset from
 * the agreed time and is flagged — its health `degraded` — when it is more than
 * MAX_CLOCK_OFFSET_MS off. Marquee does not set the system clock (that is NTP's job) and no
 * decision rests on a node's wall clock: holds expire by the database's clock.
 */
@Injectable()
export class ClockSync implements OnModuleInit {
  private readonly logger = new Logger('ClockSync');
  private readonly maxOffsetMs: number;
  private readonly outlierMs: number;
  private readonly intervalMs: number;
  private correctionMs: number | null = null;
  private lastRound: ClockStatus['lastRound'] = null;

  constructor(
    config: AppConfigService,
    private readonly node: ClusterNode,
    private readonly identity: NodeIdentity,
    private readonly leaderWork: LeaderWork,
  ) {
    this.maxOffsetMs = config.get('MAX_CLOCK_OFFSET_MS');
    this.outlierMs = config.get('CLOCK_OUTLIER_MS');
    this.intervalMs = config.get('CLOCK_SYNC_INTERVAL_MS');
  }

  onModuleInit(): void {
    this.node.on('CLOCK_POLL', z.object({}), () => ({ clockMs: Date.now() }));
    this.node.on('CLOCK_ADJUST', ClockAdjustMessage, (message, from) => {
      this.correctionMs = message.correctionMs;
      this.lastRound = { at: message.at, leader: from, averageMs: message.averageMs, readings: message.readings };
      if (this.flagged())
        this.logger.warn(`this node's clock is ${Math.round(-message.correctionMs)} ms off the cluster's`);
    });
    if (this.intervalMs > 0)
      this.leaderWork.register({
        name: 'clock-sync',
        everyMs: this.intervalMs,
        runOnTakeover: true,
        run: () => this.round(),
      });
  }

  /** This node's offset, flag and last round. */
  status(): ClockStatus {
    return {
      nodeId: this.identity.nodeId,
      offsetMs: this.correctionMs === null ? null : -this.correctionMs,
      correctionMs: this.correctionMs,
      flagged: this.flagged(),
      maxOffsetMs: this.maxOffsetMs,
      lastRound: this.lastRound,
    };
  }

  /** Whether this node's clock is more than MAX_CLOCK_OFFSET_MS off the cluster's. */
  flagged(): boolean {
    return this.correctionMs !== null && Math.abs(this.correctionMs) > this.maxOffsetMs;
  }

  /** One round as the leader: poll, average, tell. Resolves with the readings. */
  async round(): Promise<RoundReading[]> {
    const polled = await Promise.all(
      this.node
        .peerIds()
        .filter((peer) => this.node.isUp(peer))
        .map(async (peer): Promise<ClockReading | undefined> => {
          const sentAt = Date.now();
          const started = performance.now();
          const reply = await this.node.sendTo(peer, 'CLOCK_POLL', {});
          const rttMs = performance.now() - started;
          const clock = z.object({ clockMs: z.number().finite() }).safeParse(reply);
          return clock.success
            ? { node: peer, offsetMs: estimateOffset(sentAt, clock.data.clockMs, sentAt + rttMs), rttMs }
            : undefined;
        }),
    );
    const readings = [
      { node: this.identity.nodeId, offsetMs: 0, rttMs: 0 },
      ...polled.filter((reading) => reading !== undefined),
    ];
    const round = berkeleyRound(readings, this.outlierMs);
    const summary: RoundReading[] = readings.map((reading) => ({
      node: reading.node,
      offsetMs: Math.round(reading.offsetMs - round.averageMs), // from the agreed time, as the nodes see it
      rttMs: Math.round(reading.rttMs * 10) / 10,
      correctionMs: Math.round(round.corrections.get(reading.node)!),
      excluded: round.excluded.includes(reading.node),
    }));
    const at = new Date().toISOString();
    this.correctionMs = round.corrections.get(this.identity.nodeId)!;
    this.lastRound = { at, leader: this.identity.nodeId, averageMs: round.averageMs, readings: summary };
    await Promise.all(
      summary
        .filter((reading) => reading.node !== this.identity.nodeId)
        .map((reading) =>
          this.node.sendTo(reading.node, 'CLOCK_ADJUST', {
            correctionMs: round.corrections.get(reading.node)!,
            averageMs: round.averageMs,
            at,
            readings: summary,
          }),
        ),
    );
    return summary;
  }
}
