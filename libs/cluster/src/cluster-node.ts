import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { z } from 'zod';
import { AppConfigService, InvalidInput } from '@app/common';
import { ElectionAction, ElectionPhase, RingMessage } from './bully-election';
import { ClusterEnvelope, ClusterMessageType, ClusterReplyType, readHeartbeat, RingPayload } from './cluster-message';
import { ClusterMembership } from './cluster-membership';
import { ClusterStatusSources } from './cluster-status-sources';
import { ClusterTransport } from './cluster-transport';
import { FailureDetector } from './failure-detector';
import { ElectionAlgorithm, LeaderElection } from './leader-election';
import { LeaderWork } from './leader-work';
import { ClusterMessageLog } from './cluster-message-log';
import { NodeIdentity } from './node-identity';
import { RequestCounter } from './request-counter';
import type { DatabaseServerStatus, FailoverRecord, ServerEntry } from '@app/contracts';
import { VectorTimestamp, VectorTimestampSchema } from './vector-clock';

/**
 * A handler of one message kind registered by another part of the cluster lib (Berkeley, mutual
 * exclusion): receives the payload parsed by its schema and the sender; what it returns is the
 * payload of the ACK.
 */
export type ClusterMessageHandler<T> = (payload: T, from: number) => Record<string, unknown> | void;

/** One change of leader or term, for the System Monitor. */
export interface ElectionRecord {
  at: string;
  term: number;
  leader: number | null;
  /** The algorithm of the round that produced it (a term learnt from a peer: the configured one). */
  algorithm: ElectionAlgorithm;
}

/** Told when a peer goes up or down (`restarted`: it came back as a new process). */
export type PeerListener = (peer: number, up: boolean) => void;

/** Election history entries kept. */
const HISTORY = 20;

/** One member as `GET /api/cluster` shows it. */
export interface ClusterNodeStatus {
  id: number;
  host: string;
  port: number;
  /** This node (the one that answered). */
  self: boolean;
  /** Heard from within its failure timeout (always true for `self`). */
  up: boolean;
  leader: boolean;
  /** Its Lamport clock: live for `self`, else as stamped on its last heartbeat (null before one). */
  lamport: number | null;
  /** Its vector clock, likewise. */
  vector: VectorTimestamp | null;
  /** ISO time its last heartbeat arrived (for `self`: its last heartbeat round), null before one. */
  lastHeartbeatAt: string | null;
  /** HTTP requests it served (node-to-node messages excepted), as of its last heartbeat. */
  requestsServed: number | null;
  /** The failure timeout in force for it (ms; null for `self`). */
  failureTimeoutMs: number | null;
  startedAt: string | null;
}

/** `GET /api/cluster`. */
export interface ClusterStatus {
  nodeId: number;
  term: number;
  leader: number | null;
  phase: ElectionPhase;
  /** What this node runs when it starts an election (ELECTION_ALGORITHM). */
  algorithm: ElectionAlgorithm;
  /** The last changes of leader or term this node saw, newest first. */
  elections: ElectionRecord[];
  /** Database epoch (bumped by primary failover; 0 until the replication work provides it). */
  epoch: number;
  nodes: ClusterNodeStatus[];
  /** Database servers and their roles (empty until libs/failover provides them). */
  databases: DatabaseServerStatus[];
  /** Primary failovers, newest first. */
  failovers: FailoverRecord[];
}

interface PeerInfo {
  lamport: number | null;
  vector: VectorTimestamp | null;
  requestsServed: number | null;
  startedAt: string | null;
  up: boolean;
}

/**
 * This node's part in the cluster: sends heartbeats to every peer each HEARTBEAT_INTERVAL_MS,
 * suspects silent peers through the adaptive {@link FailureDetector}, drives the
 * {@link BullyElection} with messages and timers, and switches the {@link LeaderWork} on while it
 * leads. Every message out is stamped with a tick of the Lamport clock, every message or reply in
 * is merged into it. A one-node cluster leads itself at boot and sends nothing.
 */
@Injectable()
export class ClusterNode implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Cluster');
  private readonly election: LeaderElection;
  private readonly handlers = new Map<
    string,
    { schema: z.ZodType<unknown>; handle: (payload: unknown, from: number) => Record<string, unknown> | void }
  >();
  private readonly peerListeners: PeerListener[] = [];
  private readonly history: ElectionRecord[] = [];
  private readonly ringWaitMs: number;
  private readonly detector: FailureDetector;
  private readonly peers = new Map<number, ServerEntry>();
  private readonly info = new Map<number, PeerInfo>();
  private readonly heartbeatsOut = new Set<number>();
  private readonly epochListeners: ((payload: Record<string, unknown>, from: number) => void)[] = [];
  private readonly intervalMs: number;
  private readonly answerTimeoutMs: number;
  private readonly coordinatorWaitMs: number;
  private heartbeatTimer?: NodeJS.Timeout;
  private coordinatorTimer?: NodeJS.Timeout;
  private lastRoundAt: number | null = null;
  private stopped = false;

  constructor(
    config: AppConfigService,
    private readonly membership: ClusterMembership,
    private readonly identity: NodeIdentity,
    private readonly transport: ClusterTransport,
    private readonly leaderWork: LeaderWork,
    private readonly log: ClusterMessageLog,
    private readonly requests: RequestCounter,
    private readonly sources: ClusterStatusSources,
  ) {
    this.election = new LeaderElection(
      identity.nodeId,
      membership.members.map((member) => member.id),
      config.get('ELECTION_ALGORITHM'),
    );
    this.intervalMs = config.get('HEARTBEAT_INTERVAL_MS');
    this.answerTimeoutMs = config.get('ELECTION_ANSWER_TIMEOUT_MS');
    // Long enough for the answering node to run its own election and announce.
    this.coordinatorWaitMs = 2 * this.answerTimeoutMs + config.get('CLUSTER_MESSAGE_TIMEOUT_MS');
    // A ring message may wait out one silent successor per hop, twice round (candidacy, then elected).
    this.ringWaitMs = 2 * membership.members.length * config.get('CLUSTER_MESSAGE_TIMEOUT_MS') + this.answerTimeoutMs;
    this.detector = new FailureDetector({
      intervalMs: this.intervalMs,
      timeoutMs: config.get('FAILURE_TIMEOUT_MS'),
      minTimeoutMs: config.get('FAILURE_TIMEOUT_MIN_MS'),
      maxTimeoutMs: config.get('FAILURE_TIMEOUT_MAX_MS'),
    });
    for (const peer of membership.peers) {
      this.peers.set(peer.id, peer);
      this.info.set(peer.id, { lamport: null, vector: null, requestsServed: null, startedAt: null, up: false });
    }
  }

  onApplicationBootstrap(): void {
    if (!this.membership.isCluster) {
      this.apply(this.election.start());
      return;
    }
    const now = Date.now();
    for (const id of this.peers.keys()) this.detector.watch(id, now);
    this.logger.log(
      `node ${this.identity.nodeId} joining a cluster of ${this.membership.members.length}: ${this.membership.members.map((m) => `${m.id}=${m.host}:${m.port}`).join(', ')}`,
    );
    void this.boot();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.coordinatorTimer);
  }

  /** Whether this node leads the cluster now. */
  isLeader(): boolean {
    return this.election.isLeader();
  }

  /**
   * Handles a message from another member and returns the reply: ANSWER to an ELECTION from a
   * lower node, ACK otherwise, both stamped and carrying this node's term.
   * @throws InvalidInput (400) when `from` is not another member.
   */
  receive(message: ClusterEnvelope<ClusterMessageType>): ClusterEnvelope<ClusterReplyType> {
    const peer = this.peers.get(message.from);
    if (!peer) throw new InvalidInput('from', `must be another member of this cluster, got ${message.from}`);
    const vector = message.vector === undefined ? undefined : VectorTimestampSchema.safeParse(message.vector);
    if (vector && !vector.success) throw new InvalidInput('vector', 'must map process keys to event counts');
    const handler = this.handlers.get(message.type);
    const parsed = handler ? parsePayload(message, handler.schema) : undefined;
    const clock = this.identity.receive(message.lamport, vector?.data);
    this.log.record({
      direction: 'received',
      type: message.type,
      peer: peer.id,
      stamp: message.lamport,
      clock: clock.lamport,
      vector: clock.vector,
    });
    let reply: ClusterReplyType = 'ACK';
    let replyPayload: Record<string, unknown> | void = undefined;
    switch (message.type) {
      case 'HEARTBEAT': {
        const heartbeat = readHeartbeat(message.payload);
        this.detector.heartbeat(peer.id, Date.now());
        Object.assign(this.info.get(peer.id)!, {
          lamport: message.lamport,
          vector: vector?.data ?? null,
          requestsServed: heartbeat.requestsServed,
          startedAt: heartbeat.startedAt || null,
        });
        this.apply(this.election.observe(message.term));
        this.checkPeers();
        break;
      }
      case 'ELECTION': {
        const { answer, actions } = this.election.onElection(peer.id, message.term);
        if (answer) reply = 'ANSWER';
        this.apply(actions);
        break;
      }
      case 'COORDINATOR':
        this.apply(this.election.onCoordinator(peer.id, message.term));
        break;
      case 'RING': {
        const ring = RingPayload.safeParse(message.payload);
        if (!ring.success) throw new InvalidInput('payload', 'must be a ring candidacy or an elected leader');
        // Passed on after this reply: a ring hop never holds the predecessor's call open.
        setImmediate(() =>
          this.apply(
            ring.data.kind === 'election'
              ? this.election.onRingElection(ring.data.candidate, message.term)
              : this.election.onRingElected(ring.data.leader, ring.data.term),
            'ring',
          ),
        );
        break;
      }
      case 'EPOCH':
        for (const listener of this.epochListeners) listener(message.payload ?? {}, peer.id);
        break;
      default:
        if (!handler) throw new InvalidInput('type', `no handler for ${message.type} on this node`);
        replyPayload = handler.handle(parsed, peer.id);
    }
    const stamp = this.identity.stamp();
    this.log.record({
      direction: 'sent',
      type: reply,
      peer: peer.id,
      stamp: stamp.lamport,
      clock: stamp.lamport,
      vector: stamp.vector,
    });
    return {
      type: reply,
      from: this.identity.nodeId,
      term: this.election.view().term,
      lamport: stamp.lamport,
      vector: stamp.vector,
      payload: { leader: this.election.view().leader, ...(replyPayload ?? {}) },
    };
  }

  /**
   * Registers the handler of one message kind (one per kind): its payload is parsed with
   * `schema` at the edge, so a malformed one is refused (400) and the handler gets the type.
   */
  on<T>(type: ClusterMessageType, schema: z.ZodType<T>, handler: ClusterMessageHandler<T>): void {
    if (this.handlers.has(type)) throw new Error(`a handler for ${type} is registered already`);
    this.handlers.set(type, { schema, handle: (payload, from) => handler(payload as T, from) });
  }

  /** Calls `listener` whenever a peer is marked up or down. */
  onPeerChange(listener: PeerListener): void {
    this.peerListeners.push(listener);
  }

  /** The other members' ids. */
  peerIds(): number[] {
    return [...this.peers.keys()];
  }

  /** Whether the failure detector suspects `peer` now (a peer never heard from counts only once its timeout passed). */
  suspects(peer: number): boolean {
    return this.detector.suspected(peer, Date.now());
  }

  /** Whether `peer` is up (heard from within its timeout). */
  isUp(peer: number): boolean {
    return this.info.get(peer)?.up ?? false;
  }

  /**
   * Sends `type` with `payload` to `peer` (stamped like every message) and resolves with the
   * reply's payload, or undefined when it did not answer within `timeoutMs`.
   */
  async sendTo(
    peer: number,
    type: ClusterMessageType,
    payload: Record<string, unknown>,
    timeoutMs?: number,
  ): Promise<Record<string, unknown> | undefined> {
    const entry = this.peers.get(peer);
    if (!entry) throw new RangeError(`node ${peer} is not a peer`);
    const reply = await this.send(entry, type, payload, timeoutMs);
    return reply ? (reply.payload ?? {}) : undefined;
  }

  /**
   * Tells every other member of a database failover (an EPOCH message, Lamport-stamped like all
   * messages): fire-and-forget, in parallel; resolves with the ids of the members that answered.
   * Members that miss it learn the epoch from the database (libs/failover validates the payload, EpochMessage).
   */
  async broadcastEpoch(payload: Record<string, unknown>): Promise<number[]> {
    const peers = [...this.peers.values()];
    const replies = await Promise.all(peers.map((peer) => this.send(peer, 'EPOCH', payload).catch(() => undefined)));
    return peers.filter((_, index) => replies[index]).map((peer) => peer.id);
  }

  /** Calls `listener` with the payload of every EPOCH message received from another member. */
  onEpoch(listener: (payload: Record<string, unknown>, from: number) => void): void {
    this.epochListeners.push(listener);
  }

  /** Starts an election now (admin request) with `algorithm` (default: ELECTION_ALGORITHM); returns the state right after. */
  triggerElection(algorithm: ElectionAlgorithm = this.election.algorithm): {
    term: number;
    leader: number | null;
    phase: ElectionPhase;
    algorithm: ElectionAlgorithm;
  } {
    this.logger.log(`${algorithm} election requested`);
    this.apply(this.election.startElection(algorithm), algorithm);
    const { term, leader, phase } = this.election.view();
    return { term, leader, phase, algorithm };
  }

  /** The cluster as this node sees it (the database part from {@link ClusterStatusSources}). */
  async status(): Promise<ClusterStatus> {
    const { term, leader, phase } = this.election.view();
    const self = this.membership.self;
    const nodes = this.membership.members.map((member): ClusterNodeStatus => {
      if (member.id === self.id) {
        return {
          ...member,
          self: true,
          up: true,
          leader: leader === member.id,
          lamport: this.identity.clock.now(),
          vector: this.identity.vector.now(),
          lastHeartbeatAt: this.lastRoundAt === null ? null : new Date(this.lastRoundAt).toISOString(),
          requestsServed: this.requests.count(),
          failureTimeoutMs: null,
          startedAt: this.identity.startedAt.toISOString(),
        };
      }
      const info = this.info.get(member.id)!;
      const last = this.detector.lastHeartbeatAt(member.id);
      return {
        ...member,
        self: false,
        up: info.up,
        leader: leader === member.id,
        lamport: info.lamport,
        vector: info.vector,
        lastHeartbeatAt: last === undefined ? null : new Date(last).toISOString(),
        requestsServed: info.requestsServed,
        failureTimeoutMs: this.detector.timeoutMs(member.id),
        startedAt: info.startedAt,
      };
    });
    const { epoch, databases, failovers } = await this.sources.databases();
    return {
      nodeId: self.id,
      term,
      leader,
      phase,
      algorithm: this.election.algorithm,
      elections: [...this.history],
      epoch,
      nodes,
      databases,
      failovers,
    };
  }

  /** First heartbeat round (its replies teach the node the cluster's term), then the election and the steady beat. */
  private async boot(): Promise<void> {
    await this.heartbeatRound();
    if (this.stopped) return;
    this.apply(this.election.start());
    this.heartbeatTimer = setInterval(() => {
      void this.heartbeatRound();
      this.checkPeers();
    }, this.intervalMs);
    this.heartbeatTimer.unref();
  }

  private async heartbeatRound(): Promise<void> {
    this.lastRoundAt = Date.now();
    await Promise.all(
      [...this.peers.values()].map(async (peer) => {
        if (this.heartbeatsOut.has(peer.id)) return; // the last one is still out: do not pile up
        this.heartbeatsOut.add(peer.id);
        try {
          const payload = {
            leader: this.election.view().leader,
            requestsServed: this.requests.count(),
            startedAt: this.identity.startedAt.toISOString(),
          };
          await this.send(peer, 'HEARTBEAT', payload);
        } finally {
          this.heartbeatsOut.delete(peer.id);
        }
      }),
    );
  }

  /** Marks peers up or down; a suspected leader triggers an election. */
  private checkPeers(): void {
    if (this.stopped) return;
    const now = Date.now();
    for (const [id, info] of this.info) {
      const suspected = this.detector.suspected(id, now);
      const up = this.detector.heard(id) && !suspected;
      if (up !== info.up) {
        info.up = up;
        if (up) this.logger.log(`node ${id} is up`);
        else this.logger.warn(`node ${id} is suspected down (silent for over ${this.detector.timeoutMs(id)} ms)`);
        for (const listener of this.peerListeners) listener(id, up);
      }
      if (suspected) this.apply(this.election.peerDown(id));
    }
  }

  /** Sends one message (stamped) and merges the reply; undefined when the peer did not answer. */
  private async send(
    peer: ServerEntry,
    type: ClusterMessageType,
    payload?: Record<string, unknown>,
    timeoutMs?: number,
  ): Promise<ClusterEnvelope<ClusterReplyType> | undefined> {
    if (this.stopped) return undefined;
    const { lamport, vector } = this.identity.stamp();
    this.log.record({ direction: 'sent', type, peer: peer.id, stamp: lamport, clock: lamport, vector });
    const reply = await this.transport.send(
      peer,
      { type, from: this.identity.nodeId, term: this.election.view().term, lamport, vector, payload },
      timeoutMs,
    );
    if (!reply || this.stopped) return undefined;
    const replyVector = reply.vector === undefined ? undefined : VectorTimestampSchema.safeParse(reply.vector);
    const clock = this.identity.receive(reply.lamport, replyVector?.success ? replyVector.data : undefined);
    this.log.record({
      direction: 'received',
      type: reply.type,
      peer: peer.id,
      stamp: reply.lamport,
      clock: clock.lamport,
      vector: clock.vector,
    });
    this.apply(this.election.observe(reply.term));
    return reply;
  }

  private async runElection(round: number, to: number[]): Promise<void> {
    const replies = await Promise.all(
      to.map((id) => this.send(this.peers.get(id)!, 'ELECTION', undefined, this.answerTimeoutMs)),
    );
    const answered = to.filter((_, index) => replies[index]?.type === 'ANSWER');
    this.apply(this.election.electionReplies(round, answered));
  }

  /** Passes a ring message to the first successor that is not suspected and answers. */
  private async passRing(round: number, message: RingMessage, to: number[]): Promise<void> {
    for (const id of to) {
      if (this.stopped) return;
      if (this.detector.suspected(id, Date.now())) continue;
      if (await this.send(this.peers.get(id)!, 'RING', message)) return;
    }
    this.apply(this.election.ringUndeliverable(round, message), 'ring');
  }

  /** Carries out the election's decisions; `algorithm` names the kind of round, for the history. */
  private apply(actions: ElectionAction[], algorithm: ElectionAlgorithm = this.election.algorithm): void {
    if (this.stopped) return;
    for (const action of actions) {
      switch (action.type) {
        case 'send-election':
          this.logger.log(`election round ${action.round}: ELECTION to node(s) ${action.to.join(', ')}`);
          void this.runElection(action.round, action.to);
          break;
        case 'await-coordinator':
          clearTimeout(this.coordinatorTimer);
          this.coordinatorTimer = setTimeout(
            () => this.apply(this.election.coordinatorTimeout(action.round)),
            algorithm === 'ring' ? this.ringWaitMs : this.coordinatorWaitMs,
          );
          this.coordinatorTimer.unref();
          break;
        case 'announce':
          for (const id of action.to)
            void this.send(this.peers.get(id)!, 'COORDINATOR', { leader: this.identity.nodeId });
          break;
        case 'ring-pass':
          void this.passRing(action.round, action.message, action.to);
          break;
        case 'view-changed':
          // A declaration names the kind of round that won; a term learnt from a peer, the round this node was in.
          this.history.unshift({
            at: new Date().toISOString(),
            term: action.term,
            leader: action.leader,
            algorithm: this.election.lastRoundAlgorithm,
          });
          this.history.splice(HISTORY);
          this.logger.log(
            action.leader === this.identity.nodeId
              ? `this node (${action.leader}) leads, term ${action.term}`
              : `leader: ${action.leader === null ? 'unknown' : `node ${action.leader}`}, term ${action.term}`,
          );
          break;
      }
    }
    this.leaderWork.setLeading(this.election.isLeader());
  }
}

/** A message's payload parsed by its kind's schema. @throws InvalidInput (400) naming the first problem. */
function parsePayload(message: ClusterEnvelope<ClusterMessageType>, schema: z.ZodType<unknown>): unknown {
  const result = schema.safeParse(message.payload ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new InvalidInput(`payload.${issue?.path.join('.') ?? ''}`, `${message.type}: ${issue?.message ?? 'invalid'}`);
}
