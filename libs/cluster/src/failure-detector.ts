/** Settings of a {@link FailureDetector}; times in milliseconds. */
export interface FailureDetectorOptions {
  /** How often peers send heartbeats (HEARTBEAT_INTERVAL_MS). */
  intervalMs: number;
  /** The timeout when heartbeats arrive on time (FAILURE_TIMEOUT_MS, 5 s by default). */
  timeoutMs: number;
  /** Bounds of the adapted timeout (FAILURE_TIMEOUT_MIN_MS, FAILURE_TIMEOUT_MAX_MS). */
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /** Safety margin in standard deviations of the inter-arrival time (default 4). */
  deviations?: number;
  /** Inter-arrival times kept per peer (default 32). */
  window?: number;
  /** Samples needed before the timeout adapts (default 3). */
  minSamples?: number;
}

interface PeerRecord {
  /** When the peer was last heard from, or when watching began. */
  last: number;
  heard: boolean;
  samples: number[];
}

/**
 * An adaptive heartbeat failure detector (in the spirit of Chen, Toueg and Aguilera 2002 and
 * Jacobson's RTO estimator): a peer is suspected when nothing came from it for longer than
 *
 *   timeout = clamp(timeoutMs + (mean − intervalMs) + k·stddev, minTimeoutMs, maxTimeoutMs)
 *
 * over its recent heartbeat inter-arrival times. With punctual heartbeats that is `timeoutMs`
 * (5 s by default); heartbeats that arrive late or irregularly (a loaded node or network) stretch
 * it, up to the maximum. A gap longer than the timeout in force was an outage, not a delay, and is
 * not sampled (it would pin the timeout to the maximum after every restart).
 * Pure: the caller passes the time; no timers.
 */
export class FailureDetector {
  private readonly peers = new Map<number, PeerRecord>();
  private readonly deviations: number;
  private readonly window: number;
  private readonly minSamples: number;

  constructor(private readonly options: FailureDetectorOptions) {
    const { intervalMs, timeoutMs, minTimeoutMs, maxTimeoutMs } = options;
    if (!(intervalMs > 0 && minTimeoutMs > 0 && minTimeoutMs <= timeoutMs && timeoutMs <= maxTimeoutMs)) {
      throw new RangeError(
        `failure detector needs 0 < interval and 0 < min ≤ timeout ≤ max, got ${JSON.stringify(options)}`,
      );
    }
    this.deviations = options.deviations ?? 4;
    this.window = options.window ?? 32;
    this.minSamples = options.minSamples ?? 3;
  }

  /** Starts watching `peer` at `now`: it is suspected if nothing arrives within the timeout from now. */
  watch(peer: number, now: number): void {
    if (!this.peers.has(peer)) this.peers.set(peer, { last: now, heard: false, samples: [] });
  }

  /** Records a heartbeat from `peer` received at `now` (epoch ms). */
  heartbeat(peer: number, now: number): void {
    const record = this.peers.get(peer);
    if (!record) {
      this.peers.set(peer, { last: now, heard: true, samples: [] });
      return;
    }
    const gap = now - record.last;
    if (record.heard && gap >= 0 && gap <= this.timeoutMs(peer)) {
      record.samples.push(gap);
      if (record.samples.length > this.window) record.samples.shift();
    }
    record.last = Math.max(record.last, now);
    record.heard = true;
  }

  /** The timeout in force for `peer` (ms); `timeoutMs` until enough heartbeats were sampled. */
  timeoutMs(peer: number): number {
    const samples = this.peers.get(peer)?.samples ?? [];
    const { intervalMs, timeoutMs, minTimeoutMs, maxTimeoutMs } = this.options;
    if (samples.length < this.minSamples) return timeoutMs;
    const mean = samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
    const variance = samples.reduce((sum, sample) => sum + (sample - mean) ** 2, 0) / samples.length;
    const adapted = timeoutMs + (mean - intervalMs) + this.deviations * Math.sqrt(variance);
    return Math.round(Math.min(maxTimeoutMs, Math.max(minTimeoutMs, adapted)));
  }

  /** Whether `peer` is suspected at `now`: silent for longer than its timeout (or never watched). */
  suspected(peer: number, now: number): boolean {
    const record = this.peers.get(peer);
    return !record || now - record.last > this.timeoutMs(peer);
  }

  /** Whether a heartbeat from `peer` ever arrived. */
  heard(peer: number): boolean {
    return this.peers.get(peer)?.heard ?? false;
  }

  /** When `peer` was last heard from (epoch ms), if ever. */
  lastHeartbeatAt(peer: number): number | undefined {
    const record = this.peers.get(peer);
    return record?.heard ? record.last : undefined;
  }
}
