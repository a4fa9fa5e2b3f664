import { BullyElection, ElectionAction } from './bully-election';

describe('BullyElection — single node decisions', () => {
  it('numbers terms as ballots owned by one node each', () => {
    expect(BullyElection.nextTerm(0, 3, 4)).toBe(3);
    expect(BullyElection.nextTerm(3, 3, 4)).toBe(7);
    expect(BullyElection.nextTerm(6, 3, 4)).toBe(7);
    expect(BullyElection.nextTerm(7, 2, 4)).toBe(10);
    expect(BullyElection.nextTerm(0, 1, 2)).toBe(1);
    const election = new BullyElection(2, [1, 2, 3]);
    expect([election.ownerOf(0), election.ownerOf(7), election.ownerOf(10), election.ownerOf(8)]).toEqual([
      null,
      3,
      2,
      null,
    ]);
  });

  it('a one-node cluster leads at once', () => {
    const election = new BullyElection(1, [1]);
    expect(election.isLeader()).toBe(false);
    const actions = election.start();
    expect(election.isLeader()).toBe(true);
    expect(election.view()).toMatchObject({ leader: 1, term: 1, phase: 'idle' });
    expect(actions).toContainEqual({ type: 'announce', term: 1, to: [] });
  });

  it('sends ELECTION to the higher ids only, and declares when none answers', () => {
    const election = new BullyElection(2, [1, 2, 3, 4]);
    const [send] = election.start();
    expect(send).toEqual({ type: 'send-election', round: 1, to: [3, 4] });
    const actions = election.electionReplies(1, []);
    expect(election.view()).toMatchObject({ leader: 2, term: 2, phase: 'idle' });
    expect(actions).toEqual([
      { type: 'view-changed', leader: 2, term: 2, previousLeader: null, previousTerm: 0 },
      { type: 'announce', term: 2, to: [1, 3, 4] },
    ]);
  });

  it('waits for a COORDINATOR after a higher node answers, and elects again if none comes', () => {
    const election = new BullyElection(1, [1, 2, 3]);
    election.start();
    expect(election.electionReplies(1, [3])).toEqual([{ type: 'await-coordinator', round: 1 }]);
    expect(election.coordinatorTimeout(1)).toEqual([{ type: 'send-election', round: 2, to: [2, 3] }]);
    expect(election.coordinatorTimeout(1)).toEqual([]); // an old round's timer is ignored
    expect(election.electionReplies(1, [])).toEqual([]); // so are an old round's replies
  });

  it('follows a COORDINATOR from a higher node and ends its own election', () => {
    const election = new BullyElection(1, [1, 2, 3]);
    election.start();
    election.electionReplies(1, [3]);
    expect(election.onCoordinator(3, 3)).toEqual([
      { type: 'view-changed', leader: 3, term: 3, previousLeader: null, previousTerm: 0 },
    ]);
    expect(election.view()).toMatchObject({ leader: 3, term: 3, phase: 'idle' });
    expect(election.coordinatorTimeout(1)).toEqual([]);
  });

  it('ignores a stale COORDINATOR (older term) and one whose sender does not own the term', () => {
    const election = new BullyElection(1, [1, 2, 3]);
    election.onCoordinator(3, 7);
    election.start();
    expect(election.onCoordinator(2, 6)).toEqual([]);
    expect(election.onCoordinator(3, 3)).toEqual([]);
    expect(election.onCoordinator(2, 7)).toEqual([]);
    expect(election.view()).toMatchObject({ leader: 3, term: 7 });
  });

  it('answers a lower ELECTION and holds its own; refuses to answer a higher one', () => {
    const election = new BullyElection(2, [1, 2, 3]);
    election.onCoordinator(3, 3);
    election.start();
    expect(election.onElection(3, 3)).toEqual({ answer: false, actions: [] });
    expect(election.onElection(9, 3)).toEqual({ answer: false, actions: [] });
    expect(election.onElection(1, 3)).toEqual({
      answer: true,
      actions: [{ type: 'send-election', round: 1, to: [3] }],
    });
    // Already electing: answers without starting another round.
    expect(election.onElection(1, 3)).toEqual({ answer: true, actions: [] });
  });

  it('a leader re-announces to a node that missed its term instead of bumping it again', () => {
    const election = new BullyElection(3, [1, 2, 3]);
    election.start(); // declares term 3
    expect(election.onElection(1, 0)).toEqual({ answer: true, actions: [{ type: 'announce', term: 3, to: [1] }] });
    // A node that knows the current term and still calls an election gets a new one.
    const again = election.onElection(1, 3);
    expect(again.actions).toContainEqual({ type: 'announce', term: 7, to: [1, 2] });
  });

  it('the leader of a higher term that ranks below this node is bullied by an election', () => {
    const election = new BullyElection(3, [1, 2, 3]);
    election.start();
    const actions = election.onCoordinator(2, 6);
    expect(actions[0]).toEqual({ type: 'view-changed', leader: 2, term: 6, previousLeader: 3, previousTerm: 3 });
    expect(actions).toContainEqual({ type: 'announce', term: 7, to: [1, 2] });
    expect(election.view()).toMatchObject({ leader: 3, term: 7 });
  });

  it('on boot follows a higher leader it learnt of, and takes over from a lower one', () => {
    const follower = new BullyElection(2, [1, 2, 3]);
    follower.observe(7);
    expect(follower.view()).toMatchObject({ phase: 'booting', leader: 3, term: 7 });
    expect(follower.start()).toEqual([]);
    expect(follower.isLeader()).toBe(false);

    const recovered = new BullyElection(3, [1, 2, 3]);
    recovered.observe(6); // node 2 leads while 3 was away
    expect(recovered.start()).toContainEqual({ type: 'announce', term: 7, to: [1, 2] });
    expect(recovered.isLeader()).toBe(true);
  });

  it('elects when the leader is suspected, not when another peer is', () => {
    const election = new BullyElection(1, [1, 2, 3]);
    election.onCoordinator(3, 3);
    election.start();
    expect(election.peerDown(2)).toEqual([]);
    expect(election.peerDown(3)).toEqual([{ type: 'send-election', round: 1, to: [2, 3] }]);
  });

  it('refuses a membership without itself or with repeated ids', () => {
    expect(() => new BullyElection(4, [1, 2, 3])).toThrow(RangeError);
    expect(() => new BullyElection(1, [1, 1, 2])).toThrow(RangeError);
  });
});

/**
 * A small network of elections: messages between live nodes are delivered in a (seeded) random
 * order, replies carry the receiver's term back, a dead node neither answers nor receives.
 */
class Network {
  readonly nodes = new Map<number, BullyElection>();
  readonly alive = new Set<number>();
  /** Every (term, leader) any node ever declared or followed. */
  readonly claims: { node: number; term: number; leader: number }[] = [];
  private readonly queue: (() => void)[] = [];
  private readonly waiting = new Map<number, number>();
  private seed: number;

  constructor(
    readonly ids: number[],
    seed = 1,
  ) {
    this.seed = seed;
  }

  boot(id: number): void {
    const node = new BullyElection(id, this.ids);
    this.nodes.set(id, node);
    this.alive.add(id);
    // Discovery: the first heartbeat round's replies carry the live peers' terms.
    for (const peer of this.alive) if (peer !== id) this.apply(id, node.observe(this.nodes.get(peer)!.view().term));
    this.apply(id, node.start());
  }

  kill(id: number): void {
    this.alive.delete(id);
  }

  /** Every live node suspects `id` (the failure detector fired). */
  suspect(id: number): void {
    for (const node of this.alive) this.apply(node, this.nodes.get(node)!.peerDown(id));
  }

  /** Delivers everything in flight; fires coordinator timeouts of nodes still waiting. */
  settle(): void {
    for (let guard = 0; guard < 10_000; guard++) {
      if (this.queue.length) {
        const index = this.random(this.queue.length);
        this.queue.splice(index, 1)[0]();
        continue;
      }
      const timers = [...this.waiting.entries()].filter(([id]) => this.alive.has(id));
      this.waiting.clear();
      if (!timers.length) return;
      for (const [id, round] of timers) this.apply(id, this.nodes.get(id)!.coordinatorTimeout(round));
    }
    throw new Error('the election did not settle');
  }

  views() {
    return [...this.alive].sort().map((id) => ({ id, ...this.nodes.get(id)!.view() }));
  }

  apply(from: number, actions: ElectionAction[]): void {
    const node = this.nodes.get(from)!;
    for (const action of actions) {
      switch (action.type) {
        case 'send-election':
          this.queue.push(() => {
            if (!this.alive.has(from)) return;
            const answered: number[] = [];
            for (const to of action.to.filter((id) => this.alive.has(id))) {
              const reply = this.nodes.get(to)!.onElection(from, node.view().term);
              if (reply.answer) answered.push(to);
              this.apply(to, reply.actions);
            }
            this.apply(from, node.electionReplies(action.round, answered));
          });
          break;
        case 'await-coordinator':
          this.waiting.set(from, action.round);
          break;
        case 'announce':
          for (const to of action.to) {
            this.queue.push(() => {
              if (!this.alive.has(from) || !this.alive.has(to)) return;
              const receiver = this.nodes.get(to)!;
              this.apply(to, receiver.onCoordinator(from, action.term));
              this.apply(from, node.observe(receiver.view().term));
            });
          }
          break;
        case 'view-changed':
          if (action.leader !== null) this.claims.push({ node: from, term: action.term, leader: action.leader });
          break;
      }
    }
  }

  private random(n: number): number {
    this.seed = (this.seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return this.seed % n;
  }
}

describe('BullyElection — a network of nodes', () => {
  function expectAgreement(network: Network, leader: number): number {
    const views = network.views();
    for (const view of views) expect(view).toMatchObject({ leader, phase: 'idle' });
    expect(new Set(views.map((view) => view.term)).size).toBe(1);
    return views[0].term;
  }

  function expectOneLeaderPerTerm(network: Network): void {
    const leaders = new Map<number, Set<number>>();
    for (const claim of network.claims)
      leaders.set(claim.term, (leaders.get(claim.term) ?? new Set()).add(claim.leader));
    for (const [term, set] of leaders)
      expect({ term, leaders: [...set] }).toEqual({
        term,
        leaders: [term % network.nodes.get(network.ids[0])!.stride],
      });
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'elects the highest live id, fails over and hands back (delivery order seed %p)',
    (seed) => {
      const network = new Network([1, 2, 3, 4, 5], seed);
      for (const id of [2, 5, 1, 4, 3]) network.boot(id);
      network.settle();
      const first = expectAgreement(network, 5);

      network.kill(5);
      network.suspect(5);
      network.settle();
      const second = expectAgreement(network, 4);
      expect(second).toBeGreaterThan(first);

      network.kill(4);
      network.kill(3);
      network.suspect(4);
      network.settle();
      network.suspect(3); // a node that answered and then died: the coordinator timeout covers it too
      network.settle();
      const third = expectAgreement(network, 2);
      expect(third).toBeGreaterThan(second);

      network.boot(5); // the old leader recovers and takes over with a higher term
      network.settle();
      const fourth = expectAgreement(network, 5);
      expect(fourth).toBeGreaterThan(third);

      network.boot(3); // a recovering lower node joins without an election
      network.settle();
      expect(expectAgreement(network, 5)).toBe(fourth);
      expectOneLeaderPerTerm(network);
    },
  );

  it('recovers when a node that answered dies before announcing', () => {
    const network = new Network([1, 2, 3], 3);
    for (const id of [1, 2, 3]) network.boot(id);
    network.settle();
    network.kill(3);
    // Node 1 hears of the failure first; node 2 answers it, then dies before it can announce.
    const node1 = network.nodes.get(1)!;
    const [send] = node1.peerDown(3);
    expect(send).toMatchObject({ type: 'send-election', to: [2, 3] });
    node1.electionReplies((send as { round: number }).round, [2]);
    network.kill(2);
    network.apply(1, node1.coordinatorTimeout((send as { round: number }).round));
    network.settle();
    expectAgreement(network, 1);
    expectOneLeaderPerTerm(network);
  });
});
