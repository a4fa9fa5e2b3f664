import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { z } from 'zod';
import { AppConfigService } from '@app/common';
import { AdminHoldLimitReached, ClusterLock, ClusterLockBackend, ClusterLockTimeout } from './cluster-lock';
import { ClusterNode } from './cluster-node';
import { LamportQueue, LockRequest } from './lamport-queue';
import { NodeIdentity } from './node-identity';
import { VectorTimestamp } from './vector-clock';

/** MUTEX_REQUEST and MUTEX_RELEASE: a request's resource and its Lamport timestamp. */
export const MutexMessage = z.object({
  resource: z.string().min(1).max(200),
  ts: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});
export type MutexMessage = z.infer<typeof MutexMessage>;

/** One entry or exit of a critical section on this node, with its logical times. */
export interface MutexLogEntry {
  event: 'enter' | 'exit';
  resource: string;
  node: number;
  /** The request's timestamp. */
  requestTs: number;
  /** The Lamport and vector timestamps of the entry or exit event itself. */
  lamport: number;
  vector: VectorTimestamp;
  /** Epoch ms on this node (informative). */
  at: number;
}

/** A resource as `GET /api/cluster/mutex` shows it: who holds it here, and the queue. */
export interface MutexResourceStatus {
  resource: string;
  /** The node this node's queue has first (it holds the lock, or will next), null when empty. */
  head: number | null;
  /** Whether this node is inside the critical section now. */
  heldHere: boolean;
  queue: LockRequest[];
}

interface Pending {
  request: LockRequest;
  repliedBy: Set<number>;
  entered: boolean;
  grant: () => void;
  granted: Promise<void>;
}

/** Entries kept in the enter/exit log. */
const LOG_SIZE = 1_000;
/** Released requests remembered. */
const GONE_SIZE = 10_000;
/** Operator holds ({@link LamportMutex.holdInBackground}) one node keeps asked or held at once. */
export const ADMIN_HOLDS_LIMIT = 100;
/** Pause between tries of a message to a peer that did not answer (and is not suspected yet). */
const RETRY_MS = 100;

/**
 * Lamport's distributed mutual exclusion (Lamport 1978; the rules in {@link LamportQueue}) over
 * the node-to-node transport, one queue per resource name. To enter, a node stamps a REQUEST
 * with its Lamport clock, queues it and sends it to every peer; each peer queues it and replies
 * (its reply is stamped after the request, as the algorithm needs, and lists the replier's own
 * requests for the resource, so a node that was down meanwhile learns of them before it can
 * enter). The node enters when its request heads its queue and every peer not suspected has
 * replied; on leaving it sends RELEASE. A peer the failure detector suspects is dropped from
 * every queue and no longer waited for; a peer that comes back is sent the requests again.
 *
 * Limits: the failure detector can be wrong; a peer suspected while alive (a partition, a long
 * pause) can hold the lock while another node enters. The lock is for work that must not start
 * twice under normal operation, never what keeps data correct. Sends retry until answered or the
 * peer is suspected; nothing is held locally while a message is out.
 */
@Injectable()
export class LamportMutex implements ClusterLockBackend, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LamportMutex');
  private readonly queues = new Map<string, LamportQueue>();
  private readonly pending = new Map<string, Pending[]>();
  private readonly history: MutexLogEntry[] = [];
  /** Requests released or dropped, `resource|node|ts`, oldest first: a late copy is not queued again (a queue may be forgotten meanwhile). */
  private readonly gone = new Set<string>();
  /** Operator holds asked or held now ({@link holdInBackground}), and the timers that end them. */
  private readonly adminHolds = new Set<Pending>();
  private readonly holdTimers = new Set<NodeJS.Timeout>();
  private readonly timeoutMs: number;
  private stopped = false;

  constructor(
    config: AppConfigService,
    private readonly node: ClusterNode,
    private readonly identity: NodeIdentity,
    private readonly lock: ClusterLock,
  ) {
    this.timeoutMs = config.get('CLUSTER_LOCK_TIMEOUT_MS');
  }

  onModuleInit(): void {
    this.node.on('MUTEX_REQUEST', MutexMessage, (message, from) => this.onRequest(message, from));
    this.node.on('MUTEX_RELEASE', MutexMessage, (message, from) => this.onRelease(message, from));
    this.node.onPeerChange((peer, up) => (up ? this.peerUp(peer) : this.peerDown(peer)));
    this.lock.useBackend(this);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.holdTimers) clearTimeout(timer);
    this.holdTimers.clear();
  }

  /**
   * Runs `work` inside the critical section of `resource` and leaves it after (also when `work`
   * throws). @throws ClusterLockTimeout when not granted in CLUSTER_LOCK_TIMEOUT_MS.
   */
  async withLock<T>(resource: string, work: () => Promise<T>): Promise<T> {
    const pending = await this.enter(resource);
    try {
      return await work();
    } finally {
      this.exit(resource, pending);
    }
  }

  /** Each resource with a queue here: head, whether this node holds it, the queue. */
  status(): MutexResourceStatus[] {
    return [...this.queues]
      .filter(([, queue]) => queue.head())
      .map(([resource, queue]) => ({
        resource,
        head: queue.head()?.node ?? null,
        heldHere: (this.pending.get(resource) ?? []).some((pending) => pending.entered),
        queue: queue.list(),
      }));
  }

  /** The last enter/exit events of this node, oldest first, optionally of one resource. */
  log(resource?: string): MutexLogEntry[] {
    return resource ? this.history.filter((entry) => entry.resource === resource) : [...this.history];
  }

  /**
   * Asks for `resource` now and holds it `holdMs` once granted, in the background (an operator's
   * hold, `POST /api/cluster/mutex`): answers the request at once, so no HTTP call waits on the
   * lock. A request not granted in CLUSTER_LOCK_TIMEOUT_MS gives up (logged).
   * @returns the request, `{ ts, node }`.
   * @throws AdminHoldLimitReached (429) with ADMIN_HOLDS_LIMIT holds of this node asked or held.
   */
  holdInBackground(resource: string, holdMs: number): LockRequest {
    if (this.adminHolds.size >= ADMIN_HOLDS_LIMIT) throw new AdminHoldLimitReached(ADMIN_HOLDS_LIMIT);
    const pending = this.request(resource);
    this.adminHolds.add(pending);
    this.granted(resource, pending).then(
      () => {
        const timer = setTimeout(() => {
          this.holdTimers.delete(timer);
          this.adminHolds.delete(pending);
          this.exit(resource, pending);
        }, holdMs);
        timer.unref();
        this.holdTimers.add(timer);
      },
      (error: unknown) => {
        this.adminHolds.delete(pending);
        this.logger.warn(`operator hold of ${resource}: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return pending.request;
  }

  private async enter(resource: string): Promise<Pending> {
    const pending = this.request(resource);
    await this.granted(resource, pending);
    return pending;
  }

  /** Stamps a request for `resource`, queues it here and sends it to every peer. */
  private request(resource: string): Pending {
    const request: LockRequest = { ts: this.identity.stamp().lamport, node: this.identity.nodeId };
    this.queue(resource).add(request);
    let grant!: () => void;
    const granted = new Promise<void>((resolve) => (grant = resolve));
    const pending: Pending = { request, repliedBy: new Set(), entered: false, grant, granted };
    this.pending.set(resource, [...(this.pending.get(resource) ?? []), pending]);
    for (const peer of this.node.peerIds()) void this.requestFrom(resource, pending, peer);
    this.check(resource);
    return pending;
  }

  /** Resolves once `pending` entered. @throws ClusterLockTimeout (the request withdrawn) after CLUSTER_LOCK_TIMEOUT_MS. */
  private async granted(resource: string, pending: Pending): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
      timer.unref();
    });
    const outcome = await Promise.race([pending.granted, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout' && !pending.entered) {
      this.withdraw(resource, pending);
      throw new ClusterLockTimeout(resource, this.timeoutMs);
    }
  }

  private exit(resource: string, pending: Pending): void {
    this.record('exit', resource, pending.request);
    this.withdraw(resource, pending);
  }

  /** Leaves the queue (after the critical section, or giving up) and tells every peer. */
  private withdraw(resource: string, pending: Pending): void {
    this.queue(resource).remove(pending.request);
    const left = (this.pending.get(resource) ?? []).filter((other) => other !== pending);
    if (left.length) this.pending.set(resource, left);
    else this.pending.delete(resource);
    for (const peer of this.node.peerIds())
      void this.deliver(peer, 'MUTEX_RELEASE', { resource, ts: pending.request.ts }, () => true);
    this.check(resource);
    this.forgetIfIdle(resource);
  }

  /** Sends the REQUEST to `peer` until it replies, the peer is suspected, or the request is over. */
  private async requestFrom(resource: string, pending: Pending, peer: number): Promise<void> {
    const reply = await this.deliver(peer, 'MUTEX_REQUEST', { resource, ts: pending.request.ts }, () =>
      (this.pending.get(resource) ?? []).includes(pending),
    );
    if (!reply) return;
    pending.repliedBy.add(peer);
    const queued = z.array(z.object({ ts: z.number().int().nonnegative() })).safeParse(reply.queued);
    if (queued.success) for (const { ts } of queued.data) this.admit(resource, { ts, node: peer });
    this.check(resource);
  }

  /** One message, retried while `wanted()` and the peer is not suspected; the reply's payload or undefined. */
  private async deliver(
    peer: number,
    type: 'MUTEX_REQUEST' | 'MUTEX_RELEASE',
    message: MutexMessage,
    wanted: () => boolean,
  ): Promise<Record<string, unknown> | undefined> {
    while (!this.stopped && wanted()) {
      const reply = await this.node.sendTo(peer, type, message);
      if (reply) return reply;
      if (this.node.suspects(peer)) return undefined;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    return undefined;
  }

  private onRequest(message: MutexMessage, from: number): Record<string, unknown> {
    this.admit(message.resource, { ts: message.ts, node: from });
    this.check(message.resource);
    const own = (this.pending.get(message.resource) ?? []).map((pending) => ({ ts: pending.request.ts }));
    return { queued: own };
  }

  private onRelease(message: MutexMessage, from: number): void {
    this.queue(message.resource).remove({ ts: message.ts, node: from });
    this.markGone(message.resource, { ts: message.ts, node: from });
    this.check(message.resource);
    this.forgetIfIdle(message.resource);
  }

  private peerDown(peer: number): void {
    for (const [resource, queue] of this.queues) {
      const dropped = queue.dropNode(peer);
      for (const request of dropped) this.markGone(resource, request);
      if (dropped.length) this.logger.warn(`node ${peer} is suspected: dropped its request(s) for ${resource}`);
      this.check(resource);
    }
  }

  /** A peer back up (perhaps a new process that knows nothing): sent this node's requests again. */
  private peerUp(peer: number): void {
    for (const [resource, list] of this.pending) {
      for (const pending of list) {
        pending.repliedBy.delete(peer);
        void this.requestFrom(resource, pending, peer);
      }
    }
  }

  /** Grants every own request that may enter now. */
  private check(resource: string): void {
    const queue = this.queues.get(resource);
    if (!queue) return;
    const awaited = this.node.peerIds().filter((peer) => !this.node.suspects(peer));
    for (const pending of this.pending.get(resource) ?? []) {
      if (pending.entered || !queue.mayEnter(pending.request, pending.repliedBy, awaited)) continue;
      pending.entered = true;
      this.record('enter', resource, pending.request);
      pending.grant();
    }
  }

  private record(event: 'enter' | 'exit', resource: string, request: LockRequest): void {
    const { lamport, vector } = this.identity.stamp();
    this.history.push({ event, resource, node: request.node, requestTs: request.ts, lamport, vector, at: Date.now() });
    if (this.history.length > LOG_SIZE) this.history.splice(0, this.history.length - LOG_SIZE);
  }

  /** Queues a request unless it is gone already. */
  private admit(resource: string, request: LockRequest): void {
    if (!this.gone.has(goneKey(resource, request))) this.queue(resource).add(request);
  }

  private markGone(resource: string, request: LockRequest): void {
    this.gone.add(goneKey(resource, request));
    if (this.gone.size > GONE_SIZE) this.gone.delete(this.gone.values().next().value as string);
  }

  private queue(resource: string): LamportQueue {
    let queue = this.queues.get(resource);
    if (!queue) this.queues.set(resource, (queue = new LamportQueue()));
    return queue;
  }

  /** Drops an empty queue with nothing pending (names are unbounded); its "gone" memory goes with it. */
  private forgetIfIdle(resource: string): void {
    if (!this.queues.get(resource)?.head() && !this.pending.has(resource)) this.queues.delete(resource);
  }
}

function goneKey(resource: string, request: LockRequest): string {
  return `${resource}|${request.node}|${request.ts}`;
}
