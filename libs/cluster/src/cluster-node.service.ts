import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfigService, InvalidInput } from '@app/common';
import { BullyElection, ElectionAction, ElectionPhase } from './bully-election';
import { ClusterEnvelope, ClusterMessageType, ClusterReplyType, readHeartbeat } from './cluster-message';
import { ClusterMembership } from './cluster-membership';
import { ClusterStatusSources } from './cluster-status-sources';
import { ClusterTransport } from './cluster-transport';
import { FailureDetector } from './failure-detector';
import { LeaderWork } from './leader-work';
import { ClusterMessageLog } from './message-log';
import { NodeIdentity } from './node-identity';
import { RequestCounter } from './request-counter';
import type { DatabaseServerStatus, FailoverRecord, ServerEntry } from '@app/contracts';

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
  private readonly election: BullyElection;
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
    this.election = new BullyElection(
      identity.nodeId,
      membership.members.map((member) => member.id),
    );
    this.intervalMs = config.get('HEARTBEAT_INTERVAL_MS');
    this.answerTimeoutMs = config.get('ELECTION_ANSWER_TIMEOUT_MS');
    // Long enough for the answering node to run its own election and announce.
    this.coordinatorWaitMs = 2 * this.answerTimeoutMs + config.get('CLUSTER_MESSAGE_TIMEOUT_MS');
    this.detector = new FailureDetector({
      intervalMs: this.intervalMs,
      timeoutMs: config.get('FAILURE_TIMEOUT_MS'),
      minTimeoutMs: config.get('FAILURE_TIMEOUT_MIN_MS'),
      maxTimeoutMs: config.get('FAILURE_TIMEOUT_MAX_MS'),
    });
    for (const peer of membership.peers) {
      this.peers.set(peer.id, peer);
      this.info.set(peer.id, { lamport: null, requestsServed: null, startedAt: null, up: false });
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
    const clock = this.identity.clock.merge(message.lamport);
    this.log.record({ direction: 'received', type: message.type, peer: peer.id, stamp: message.lamport, clock });
    let reply: ClusterReplyType = 'ACK';
    switch (message.type) {
      case 'HEARTBEAT': {
        const heartbeat = readHeartbeat(message.payload);
        this.detector.heartbeat(peer.id, Date.now());
        Object.assign(this.info.get(peer.id)!, {
          lamport: message.lamport,
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
      case 'EPOCH':
        for (const listener of this.epochListeners) listener(message.payload ?? {}, peer.id);
        break;
    }
    const lamport = this.identity.clock.tick();
    this.log.record({ direction: 'sent', type: reply, peer: peer.id, stamp: lamport, clock: lamport });
    return {
      type: reply,
      from: this.identity.nodeId,
      term: this.election.view().term,
      lamport,
      payload: { leader: this.election.view().leader },
    };
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

  /** Starts an election now (admin request); returns the state right after. */
  triggerElection(): { term: number; leader: number | null; phase: ElectionPhase } {
    this.logger.log('election requested');
    this.apply(this.election.startElection());
    const { term, leader, phase } = this.election.view();
    return { term, leader, phase };
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
        lastHeartbeatAt: last === undefined ? null : new Date(last).toISOString(),
        requestsServed: info.requestsServed,
        failureTimeoutMs: this.detector.timeoutMs(member.id),
        startedAt: info.startedAt,
      };
    });
    const { epoch, databases, failovers } = await this.sources.databases();
    return { nodeId: self.id, term, leader, phase, epoch, nodes, databases, failovers };
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
    const lamport = this.identity.clock.tick();
    this.log.record({ direction: 'sent', type, peer: peer.id, stamp: lamport, clock: lamport });
    const reply = await this.transport.send(
      peer,
      { type, from: this.identity.nodeId, term: this.election.view().term, lamport, payload },
      timeoutMs,
    );
    if (!reply || this.stopped) return undefined;
    const clock = this.identity.clock.merge(reply.lamport);
    this.log.record({ direction: 'received', type: reply.type, peer: peer.id, stamp: reply.lamport, clock });
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

  /** Carries out the election's decisions. */
  private apply(actions: ElectionAction[]): void {
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
            this.coordinatorWaitMs,
          );
          this.coordinatorTimer.unref();
          break;
        case 'announce':
          for (const id of action.to)
            void this.send(this.peers.get(id)!, 'COORDINATOR', { leader: this.identity.nodeId });
          break;
        case 'view-changed':
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
