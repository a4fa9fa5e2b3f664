import { ElectionAction } from './bully-election';
import { LeaderElection } from './leader-election';

/**
 * A ring of LeaderElections joined by a message queue: ring passes go to the first live
 * successor (as the driver does, dead nodes count as suspected), COORDINATORs to every live node.
 */
class Ring {
  readonly nodes = new Map<number, LeaderElection>();
  readonly dead = new Set<number>();
  readonly passes: string[] = [];
  private readonly queue: { at: number; action: ElectionAction }[] = [];

  constructor(ids: number[]) {
    for (const id of ids) this.nodes.set(id, new LeaderElection(id, ids, 'ring'));
  }

  run(at: number, actions: ElectionAction[]): void {
    this.queue.push(...actions.map((action) => ({ at, action })));
    for (let steps = 0; this.queue.length; steps++) {
      if (steps > 1_000) throw new Error('the ring does not settle');
      const { at: from, action } = this.queue.shift()!;
      if (this.dead.has(from)) continue;
      const node = this.nodes.get(from)!;
      if (action.type === 'ring-pass') {
        const to = action.to.find((id) => !this.dead.has(id));
        if (to === undefined) {
          this.queue.push(
            ...node.ringUndeliverable(action.round, action.message).map((a) => ({ at: from, action: a })),
          );
          continue;
        }
        const message = action.message;
        this.passes.push(
          `${from}→${to}:${message.kind === 'election' ? message.candidate : `elected ${message.leader}`}`,
        );
        const receiver = this.nodes.get(to)!;
        const next =
          message.kind === 'election'
            ? receiver.onRingElection(message.candidate, node.view().term)
            : receiver.onRingElected(message.leader, message.term);
        this.queue.push(...next.map((a) => ({ at: to, action: a })));
      } else if (action.type === 'announce') {
        for (const id of action.to.filter((id) => !this.dead.has(id)))
          this.queue.push(
            ...this.nodes
              .get(id)!
              .onCoordinator(from, action.term)
              .map((a) => ({ at: id, action: a })),
          );
      }
    }
  }

  bootAll(): void {
    for (const [id, node] of this.nodes) this.run(id, node.start());
  }

  views(): { id: number; leader: number | null; term: number; phase: string }[] {
    return [...this.nodes].filter(([id]) => !this.dead.has(id)).map(([id, node]) => ({ id, ...node.view() }));
  }
}

describe('LeaderElection — Ring (Chang–Roberts 1979)', () => {
  it('orders the ring by id and wraps round', () => {
    const election = new LeaderElection(3, [1, 5, 3, 7], 'ring');
    expect(election.ringAfter(3)).toEqual([5, 7, 1]);
    expect(election.ringAfter(7)).toEqual([1, 3, 5]);
  });

  it('a candidacy travels round, the highest id wins in a new term of its own, elected goes round once', () => {
    const ring = new Ring([1, 2, 3, 4]);
    ring.bootAll();
    for (const view of ring.views()) expect(view).toMatchObject({ leader: 4, term: 4, phase: 'idle' });
    ring.passes.length = 0;
    ring.run(1, ring.nodes.get(1)!.startElection());
    expect(ring.passes).toEqual([
      '1→2:1',
      '2→3:2', // a non-participant with a larger id substitutes itself
      '3→4:3',
      '4→1:4',
      '1→2:4', // participants pass a larger candidate on
      '2→3:4',
      '3→4:4', // 4's own id is back: it wins
      '4→1:elected 4',
      '1→2:elected 4',
      '2→3:elected 4',
    ]);
    for (const view of ring.views()) expect(view).toMatchObject({ leader: 4, term: 9, phase: 'idle' });
  });

  it('a participant swallows a smaller candidacy (no duplicate rounds)', () => {
    const election = new LeaderElection(3, [1, 2, 3], 'ring');
    election.start();
    expect(election.view().phase).toBe('awaiting-coordinator'); // its own candidacy is out
    expect(election.onRingElection(2, 0)).toEqual([]);
    expect(election.onRingElection(1, 0)).toEqual([]);
  });

  it('skips dead nodes: the highest live id leads, in a term above the old one', () => {
    const ring = new Ring([1, 2, 3, 4]);
    ring.bootAll();
    const before = ring.views()[0];
    expect(before).toMatchObject({ leader: 4 });
    ring.dead.add(4);
    ring.dead.add(2);
    ring.run(1, ring.nodes.get(1)!.peerDown(4));
    for (const view of ring.views()) expect(view).toMatchObject({ leader: 3, phase: 'idle' });
    expect(ring.views()[0].term).toBeGreaterThan(before.term);
    expect(ring.views()[0].term % 5).toBe(3); // a ballot of node 3
  });

  it('a node left alone declares itself when its candidacy cannot travel', () => {
    const ring = new Ring([1, 2, 3]);
    ring.bootAll();
    ring.dead.add(2);
    ring.dead.add(3);
    ring.run(1, ring.nodes.get(1)!.peerDown(3));
    expect(ring.views()).toEqual([expect.objectContaining({ id: 1, leader: 1, phase: 'idle' })]);
  });

  it('a recovered higher node takes over with a higher term; a lost round is restarted on timeout', () => {
    const ring = new Ring([1, 2, 3]);
    ring.bootAll();
    ring.dead.add(3);
    ring.run(1, ring.nodes.get(1)!.peerDown(3));
    const interim = ring.views()[0];
    expect(interim.leader).toBe(2);

    // Node 3 restarts: a fresh process learns the term from a heartbeat, then holds an election.
    const restarted = new LeaderElection(3, [1, 2, 3], 'ring');
    ring.nodes.set(3, restarted);
    ring.dead.delete(3);
    restarted.observe(interim.term);
    ring.run(3, restarted.start());
    for (const view of ring.views()) expect(view).toMatchObject({ leader: 3, phase: 'idle' });
    expect(ring.views()[0].term).toBeGreaterThan(interim.term);

    // A round whose messages are lost waits, then starts over on its timer.
    const alone = new LeaderElection(1, [1, 2, 3], 'ring');
    const [pass, wait] = alone.start();
    expect(pass).toMatchObject({ type: 'ring-pass', message: { kind: 'election', candidate: 1 }, to: [2, 3] });
    expect(wait).toEqual({ type: 'await-coordinator', round: 1 });
    expect(alone.coordinatorTimeout(1)[0]).toMatchObject({ type: 'ring-pass', round: 2 });
  });

  it('ignores an elected message whose leader does not own the term, or a stale one', () => {
    const election = new LeaderElection(1, [1, 2, 3], 'ring');
    election.start();
    expect(election.onRingElected(2, 3)).toEqual([]);
    election.onRingElected(3, 7);
    expect(election.view()).toMatchObject({ leader: 3, term: 7, phase: 'idle' });
    expect(election.onRingElected(2, 6)).toEqual([]);
  });

  it('runs Bully when asked, whatever it is configured with, on the same terms', () => {
    const election = new LeaderElection(1, [1, 2, 3], 'ring');
    election.start();
    expect(election.startElection('bully')).toEqual([{ type: 'send-election', round: 2, to: [2, 3] }]);
    // A ring-configured node answering a Bully ELECTION carries the round on as Bully.
    const answering = new LeaderElection(2, [1, 2, 3], 'ring');
    answering.start();
    answering.onRingElected(3, 3);
    expect(answering.onElection(1, 3)).toEqual({
      answer: true,
      actions: [{ type: 'send-election', round: 3, to: [3] }],
    });
    const bully = new LeaderElection(2, [1, 2, 3], 'bully');
    bully.start();
    expect(bully.startElection('ring')[0]).toMatchObject({ type: 'ring-pass', to: [3, 1] });
  });
});
