/**
 * Where a node is in the election: `booting` until its first round of heartbeats told it what
 * the others know; `electing` while its ELECTION messages to higher ids are out;
 * `awaiting-coordinator` after a higher node answered; `idle` otherwise.
 */
export type ElectionPhase = 'booting' | 'idle' | 'electing' | 'awaiting-coordinator';

/** What the driver must do after a decision. */
export type ElectionAction =
  /** Send ELECTION to `to` (the higher ids), then report who answered with {@link BullyElection.electionReplies}. */
  | { type: 'send-election'; round: number; to: number[] }
  /** Wait for a COORDINATOR; call {@link BullyElection.coordinatorTimeout} with `round` if none comes in time. */
  | { type: 'await-coordinator'; round: number }
  /** Send COORDINATOR with `term` to `to`. */
  | { type: 'announce'; term: number; to: number[] }
  /**
   * Ring (Chang–Roberts): pass `message` to the first of `to` (the ring after this node, in
   * order) that is not suspected and answers; report {@link LeaderElection.ringUndeliverable}
   * with `round` when none does.
   */
  | { type: 'ring-pass'; round: number; message: RingMessage; to: number[] }
  /** The leader or the term changed (`leader` null: not known yet). */
  | { type: 'view-changed'; leader: number | null; term: number; previousLeader: number | null; previousTerm: number };

/** What travels around the ring: a candidacy, or the elected leader with its term. */
export type RingMessage = { kind: 'election'; candidate: number } | { kind: 'elected'; leader: number; term: number };

/** The decision state, for status pages and tests. */
export interface ElectionView {
  term: number;
  leader: number | null;
  phase: ElectionPhase;
  round: number;
}

/**
 * The Bully algorithm (H. Garcia-Molina, "Elections in a Distributed Computing System", IEEE
 * Trans. Computers C-31(1), 1982) as pure decisions: no timers, no I/O. The driver feeds it events
 * (messages, replies, timeouts, suspicions) and carries out the {@link ElectionAction}s it returns.
 *
 * - A node that suspects the leader (or has none) sends ELECTION to every higher id. Any answer
 *   means a higher node is alive and takes over; no answer means this node is the highest alive
 *   and it announces itself with COORDINATOR. The highest live id therefore wins.
 * - A node answering an ELECTION from a lower id runs its own election, so the highest live node
 *   ends up declaring; a recovered higher node does the same (it outranks the leader it finds).
 * - Terms: every declaration takes a new term, larger than any term the node has seen. Terms are
 *   ballot numbers owned by one node each: node `i` only declares terms `t` with
 *   `t mod stride = i` (`stride` = highest member id + 1), so two nodes can never lead in the same
 *   term, even when a slow message makes two of them declare at once, and the term alone names
 *   its leader. Every message carries the sender's term: a COORDINATOR for an older term is stale
 *   and ignored, and a newer term learnt from any message moves the node to that term's leader
 *   (or, if that leader ranks below it, starts an election to take over).
 */
export class BullyElection {
  /** Terms are ballots: `term mod stride` is the id of the node that declared it. */
  readonly stride: number;
  protected readonly members: number[];
  protected term = 0;
  protected leader: number | null = null;
  protected phase: ElectionPhase = 'booting';
  protected round = 0;

  /**
   * @param self this node's id.
   * @param members every member's id, this node's included.
   * @throws RangeError when `self` is not a member or ids are not distinct positive integers.
   */
  constructor(
    readonly self: number,
    members: number[],
  ) {
    this.members = [...new Set(members)].sort((a, b) => a - b);
    if (this.members.length !== members.length || !this.members.every((id) => Number.isSafeInteger(id) && id > 0)) {
      throw new RangeError(`member ids must be distinct positive integers, got ${members.join(', ')}`);
    }
    if (!this.members.includes(self)) throw new RangeError(`node ${self} is not a member (${this.members.join(', ')})`);
    this.stride = this.members[this.members.length - 1] + 1;
  }

  /** The smallest term above `after` that node `id` may declare (its ballots are ≡ id mod stride). */
  static nextTerm(after: number, id: number, stride: number): number {
    const candidate = after - (after % stride) + id;
    return candidate > after ? candidate : candidate + stride;
  }

  /** The node that declared `term`, or null for term 0 (none yet) or a term no member owns. */
  ownerOf(term: number): number | null {
    const owner = term % this.stride;
    return term > 0 && this.members.includes(owner) ? owner : null;
  }

  /** The current decision state. */
  view(): ElectionView {
    return { term: this.term, leader: this.leader, phase: this.phase, round: this.round };
  }

  /** Whether this node is the leader now. */
  isLeader(): boolean {
    return this.leader === this.self && this.phase !== 'booting';
  }

  /**
   * Ends booting, once the first heartbeat round has taught the node the cluster's term: follows
   * a known leader above it, else holds an election (no leader known, or one it outranks).
   */
  start(): ElectionAction[] {
    if (this.phase !== 'booting') return [];
    this.phase = 'idle';
    return this.leader !== null && this.leader > this.self ? [] : this.startElection();
  }

  /**
   * Starts an election (a suspected leader, an admin's request, or a lower node's ELECTION):
   * ELECTION to every higher id, or at once COORDINATOR when there is none.
   */
  startElection(): ElectionAction[] {
    if (this.phase === 'booting') return [];
    this.round += 1;
    const higher = this.members.filter((id) => id > this.self);
    if (!higher.length) return this.declare();
    this.phase = 'electing';
    return [{ type: 'send-election', round: this.round, to: higher }];
  }

  /**
   * Who answered the ELECTION messages of `round` (an answer is a higher node that is alive).
   * None: this node declares itself. Some: it waits for their COORDINATOR.
   */
  electionReplies(round: number, answeredBy: number[]): ElectionAction[] {
    if (round !== this.round || this.phase !== 'electing') return [];
    if (!answeredBy.some((id) => id > this.self)) return this.declare();
    this.phase = 'awaiting-coordinator';
    return [{ type: 'await-coordinator', round }];
  }

  /** No COORDINATOR came after a higher node answered `round`: it died meanwhile, so elect again. */
  coordinatorTimeout(round: number): ElectionAction[] {
    if (round !== this.round || this.phase !== 'awaiting-coordinator') return [];
    return this.startElection();
  }

  /**
   * An ELECTION from `from`, which was in `term`. A lower member gets an ANSWER (`answer: true`),
   * then: if this node leads in a term newer than the sender knows, the sender only missed the
   * news and is sent the COORDINATOR again; otherwise this node holds its own election.
   * A higher or unknown sender gets no answer.
   */
  onElection(from: number, term: number): { answer: boolean; actions: ElectionAction[] } {
    const actions = this.learn(term);
    if (!this.members.includes(from) || from >= this.self) return { answer: false, actions };
    if (this.phase === 'idle') {
      if (this.leader === this.self && term < this.term)
        actions.push({ type: 'announce', term: this.term, to: [from] });
      else actions.push(...this.startElection());
    }
    return { answer: true, actions };
  }

  /**
   * A COORDINATOR from `from` for `term`. Ignored when stale (an older term) or when `from` does
   * not own `term`. From a higher node: followed. From a lower one: this node outranks it and
   * holds an election to take over.
   */
  onCoordinator(from: number, term: number): ElectionAction[] {
    if (this.ownerOf(term) !== from) return [];
    return this.learn(term);
  }

  /** The term a peer is in, from its heartbeat or its reply to any message. */
  observe(term: number): ElectionAction[] {
    return this.learn(term);
  }

  /** The failure detector suspects `peer`: if it is the leader, elect a new one. */
  peerDown(peer: number): ElectionAction[] {
    return this.phase === 'idle' && peer === this.leader ? this.startElection() : [];
  }

  protected declare(): ElectionAction[] {
    const before = this.snapshot();
    this.term = BullyElection.nextTerm(this.term, this.self, this.stride);
    this.leader = this.self;
    this.phase = 'idle';
    return [
      ...this.changes(before),
      { type: 'announce', term: this.term, to: this.members.filter((id) => id !== this.self) },
    ];
  }

  /**
   * Moves to `term` when it is newer than the current one (or names a leader where none is
   * known): a higher owner is followed and any election in progress ends; an owner that ranks
   * below this node (or this node itself, from before a restart) is replaced by an election.
   */
  protected learn(term: number): ElectionAction[] {
    const owner = this.ownerOf(term);
    if (term < this.term || (term === this.term && this.leader === owner)) return [];
    const before = this.snapshot();
    this.term = term;
    if (owner !== null && owner > this.self) {
      this.leader = owner;
      if (this.phase === 'electing' || this.phase === 'awaiting-coordinator') {
        this.phase = 'idle';
        this.round += 1; // late replies and timers of the abandoned round are ignored
      }
      return this.changes(before);
    }
    this.leader = owner === this.self ? null : owner;
    const actions = this.changes(before);
    if (this.phase === 'idle') actions.push(...this.startElection());
    return actions;
  }

  protected snapshot(): { leader: number | null; term: number } {
    return { leader: this.leader, term: this.term };
  }

  protected changes(before: { leader: number | null; term: number }): ElectionAction[] {
    if (before.leader === this.leader && before.term === this.term) return [];
    return [
      {
        type: 'view-changed',
        leader: this.leader,
        term: this.term,
        previousLeader: before.leader,
        previousTerm: before.term,
      },
    ];
  }
}
