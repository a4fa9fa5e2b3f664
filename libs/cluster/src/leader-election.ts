import { BullyElection, ElectionAction } from './bully-election';

/** The election algorithms a node can run (`ELECTION_ALGORITHM`). */
export type ElectionAlgorithm = 'bully' | 'ring';
export const ELECTION_ALGORITHMS: readonly ElectionAlgorithm[] = ['bully', 'ring'];

/**
 * Leader election by Bully (see {@link BullyElection}) or by Ring: E. Chang and R. Roberts, "An
 * Improved Algorithm for Decentralized Extrema-Finding in Circular Configurations of Processes",
 * CACM 22(5), 1979. Pure decisions, like Bully's; both share the terms (ballots owned by one node
 * each), so the guarantees are the same — one leader per term, stale news ignored, a recovered
 * higher node taking over — and a node understands both kinds of round whichever it starts itself.
 *
 * Ring, as Marquee runs it: the members form a ring in id order. A node starting an election
 * marks itself a participant and passes its own id as the candidate to its successor. A node
 * receiving a candidacy passes on the larger of the candidate and itself (it substitutes its own
 * id only once, as a non-participant; a smaller candidate reaching a participant is swallowed,
 * which is what makes Chang–Roberts cheaper than passing every id round). The node whose own id
 * comes back is the highest alive: it takes the next of its terms and sends `elected` round the
 * ring, each node following it and passing it on until it is back at the leader. A node skips
 * successors the failure detector suspects and those that do not answer (the driver's part:
 * {@link ringUndeliverable} when no one is left, which makes this node the only one alive). A
 * participant that hears no `elected` in time starts over ({@link coordinatorTimeout}).
 */
export class LeaderElection extends BullyElection {
  private participant = false;
  private roundAlgorithm: ElectionAlgorithm;
  /** While handling a Bully ELECTION, the elections it starts are Bully's too (the round goes on in kind). */
  private answeringBully = false;

  /**
   * @param algorithm what this node runs when it starts an election itself.
   * @throws RangeError as {@link BullyElection}.
   */
  constructor(
    self: number,
    members: number[],
    readonly algorithm: ElectionAlgorithm = 'bully',
  ) {
    super(self, members);
    this.roundAlgorithm = algorithm;
  }

  /** The algorithm of the round this node last took part in (what produced the current term, when it declared). */
  get lastRoundAlgorithm(): ElectionAlgorithm {
    return this.roundAlgorithm;
  }

  /** The members after `id` round the ring, in ring order (`id` itself excluded). */
  ringAfter(id: number): number[] {
    const at = this.members.indexOf(id);
    return [...this.members.slice(at + 1), ...this.members.slice(0, at)].filter((member) => member !== id);
  }

  /** Starts an election with `algorithm` (default: the configured one). */
  override startElection(
    algorithm: ElectionAlgorithm = this.answeringBully ? 'bully' : this.algorithm,
  ): ElectionAction[] {
    if (this.phase === 'booting') return [];
    this.roundAlgorithm = algorithm;
    if (algorithm === 'bully') return super.startElection();
    this.round += 1;
    if (this.members.length === 1) return this.declare();
    this.participant = true;
    this.phase = 'awaiting-coordinator';
    return [
      {
        type: 'ring-pass',
        round: this.round,
        message: { kind: 'election', candidate: this.self },
        to: this.ringAfter(this.self),
      },
      { type: 'await-coordinator', round: this.round },
    ];
  }

  /**
   * A candidacy `candidate` from the predecessor, which was in `term`: passed on (the larger of
   * it and this node), swallowed (a smaller one at a participant), or, when it is this node's own
   * id back, won.
   */
  onRingElection(candidate: number, term: number): ElectionAction[] {
    const actions = this.learn(term);
    if (this.phase === 'booting' || !this.members.includes(candidate)) return actions;
    if (candidate === this.self) {
      // Only a participant's own candidacy can come back; a stray one from before a restart starts afresh.
      if (!this.participant) return [...actions, ...this.startElection('ring')];
      this.roundAlgorithm = 'ring';
      return [...actions, ...this.declare()];
    }
    if (candidate < this.self && this.participant) return actions;
    const passOn = Math.max(candidate, this.self);
    this.participant = true;
    this.roundAlgorithm = 'ring';
    if (this.phase === 'idle') {
      this.round += 1;
      this.phase = 'awaiting-coordinator';
    }
    return [
      ...actions,
      {
        type: 'ring-pass',
        round: this.round,
        message: { kind: 'election', candidate: passOn },
        to: this.ringAfter(this.self),
      },
      { type: 'await-coordinator', round: this.round },
    ];
  }

  /**
   * `leader` was elected for `term`: followed (or, if this node outranks it, replaced through
   * an election), and passed on round the ring until it is back at the leader. Ignored when
   * `leader` does not own `term` or the term is stale.
   */
  onRingElected(leader: number, term: number): ElectionAction[] {
    if (this.ownerOf(term) !== leader || term < this.term) return [];
    if (leader === this.self) return []; // back round the ring: done
    const actions = this.learn(term);
    if (leader > this.self && this.leader === leader) {
      this.participant = false;
      if (this.phase !== 'booting' && this.phase !== 'idle') {
        this.phase = 'idle';
        this.round += 1; // the wait for `elected` is over
      }
    }
    const onward = this.ringAfter(this.self);
    const to = onward.slice(0, onward.indexOf(leader));
    if (to.length)
      actions.push({ type: 'ring-pass', round: this.round, message: { kind: 'elected', leader, term }, to });
    return actions;
  }

  /**
   * No successor took the ring message of `round` (all suspected or silent): an `election` that
   * cannot travel means this node is the only one alive, so it declares; an `elected` that cannot
   * travel has reached everyone alive.
   */
  ringUndeliverable(round: number, message: { kind: 'election' | 'elected' }): ElectionAction[] {
    if (message.kind !== 'election' || round !== this.round || this.phase !== 'awaiting-coordinator') return [];
    this.roundAlgorithm = 'ring';
    return this.declare();
  }

  /** A Bully ELECTION from a lower node: answered, and carried on as a Bully round (see {@link BullyElection.onElection}). */
  override onElection(from: number, term: number): { answer: boolean; actions: ElectionAction[] } {
    this.answeringBully = true;
    try {
      return super.onElection(from, term);
    } finally {
      this.answeringBully = false;
    }
  }

  /** No `elected` (or COORDINATOR) came in time: start over. */
  override coordinatorTimeout(round: number): ElectionAction[] {
    if (round !== this.round || this.phase !== 'awaiting-coordinator') return [];
    this.participant = false;
    return this.startElection();
  }

  /** A newer term with a higher leader also ends this node's part in a ring round. */
  protected override learn(term: number): ElectionAction[] {
    const actions = super.learn(term);
    if (this.phase === 'idle' && this.leader !== null && this.leader > this.self) this.participant = false;
    return actions;
  }

  protected override declare(): ElectionAction[] {
    const ring = this.roundAlgorithm === 'ring';
    this.participant = false;
    const actions = super.declare();
    if (!ring) return actions;
    return [
      ...actions.filter((action) => action.type !== 'announce'),
      ...(this.members.length > 1
        ? [
            {
              type: 'ring-pass' as const,
              round: this.round,
              message: { kind: 'elected' as const, leader: this.self, term: this.term },
              to: this.ringAfter(this.self),
            },
          ]
        : []),
    ];
  }
}
