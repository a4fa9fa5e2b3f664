import { ELECTION_ALGORITHMS } from '@app/cluster';
import { ClusterRunner } from '../../scripts/cluster/cluster-runner';
import { ADMIN, agreement, clusterStatus, startTestCluster, TEST_TIMINGS } from '../support/cluster';
import { eventually } from '../support/processes';
import type { LoggedMessage } from '@app/cluster';

// Generous: a loaded two-core CI box runs three ts-node API processes per algorithm.
jest.setTimeout(240_000);

/** Detection (the adapted timeout at its maximum, plus one heartbeat check) and the election's waits. */
const FAILOVER_BOUND_MS =
  TEST_TIMINGS.FAILURE_TIMEOUT_MAX_MS +
  TEST_TIMINGS.HEARTBEAT_INTERVAL_MS +
  TEST_TIMINGS.ELECTION_ANSWER_TIMEOUT_MS +
  TEST_TIMINGS.CLUSTER_MESSAGE_TIMEOUT_MS +
  1_500;

type Logged = LoggedMessage;

/** The same scenarios for both algorithms: the same guarantees. */
describe.each(ELECTION_ALGORITHMS)('cluster of three nodes: %s election over real processes', (algorithm) => {
  let runner: ClusterRunner;

  beforeAll(async () => {
    // A crashed node comes back after 4 s: later than the failover it must not hide.
    runner = await startTestCluster({
      nodes: 3,
      proxy: false,
      restartDelayMs: 4_000,
      env: { ELECTION_ALGORITHM: algorithm },
    });
  });
  afterAll(() => runner?.stop());

  it('agrees on the highest id as leader, all nodes up, one term', async () => {
    const agreed = await eventually(() => agreement(runner, [1, 2, 3]), 20_000, 'agreement on a leader');
    expect(agreed.leader).toBe(3);
    const status = (await clusterStatus(runner.nodeUrl(1)))!;
    expect(status).toMatchObject({ nodeId: 1, leader: 3, algorithm, epoch: 0, databases: [] });
    expect(status.elections[0]).toMatchObject({ leader: 3, term: agreed.term });
    expect(status.nodes.map((node) => [node.id, node.port, node.up, node.leader])).toEqual([
      [1, runner.port(1), true, false],
      [2, runner.port(2), true, false],
      [3, runner.port(3), true, true],
    ]);
    for (const node of status.nodes) {
      expect(node.lamport).toBeGreaterThan(0);
      expect(Date.parse(node.lastHeartbeatAt!)).toBeGreaterThan(Date.now() - 10_000);
      expect(node.requestsServed).toBeGreaterThanOrEqual(0);
    }
  });

  it('after kill -9 of the leader agrees on a new one in time, and the restarted old leader takes over with a higher term', async () => {
    const before = await eventually(() => agreement(runner, [1, 2, 3]), 20_000, 'agreement on a leader');
    const oldPid = runner.pid(before.leader)!;
    const killedAt = Date.now();
    process.kill(oldPid, 'SIGKILL'); // a crash: the runner restarts the node after its delay

    const failover = await eventually(
      async () => {
        const agreed = await agreement(runner, [1, 2]);
        return agreed && agreed.leader !== before.leader ? agreed : undefined;
      },
      FAILOVER_BOUND_MS + 5_000,
      'a new leader',
    );
    const failoverMs = Date.now() - killedAt;
    console.log(
      `failover: node ${failover.leader} leads in term ${failover.term}, ${failoverMs} ms after kill -9 of node ${before.leader}`,
    );
    expect(failover.leader).toBe(2);
    expect(failover.term).toBeGreaterThan(before.term);
    expect(failoverMs).toBeLessThan(FAILOVER_BOUND_MS);
    // The survivors mark the old leader down, each once its own failure timeout expires (a node
    // may follow the new leader first, on hearing of the new term from a faster detector).
    for (const id of [1, 2]) {
      await eventually(
        async () =>
          (await clusterStatus(runner.nodeUrl(id)))?.nodes.find((node) => node.id === before.leader)?.up === false,
        TEST_TIMINGS.FAILURE_TIMEOUT_MAX_MS + 2_000,
        `node ${id} marking node ${before.leader} down`,
      );
    }

    const takeover = await eventually(
      async () => {
        const agreed = await agreement(runner, [1, 2, 3]);
        return agreed && agreed.leader === before.leader ? agreed : undefined;
      },
      60_000,
      'the restarted node taking over',
    );
    console.log(
      `takeover: node ${takeover.leader} leads again in term ${takeover.term}, ${Date.now() - killedAt} ms after the kill`,
    );
    expect(runner.pid(before.leader)).not.toBe(oldPid);
    expect(takeover.term).toBeGreaterThan(failover.term);
  });

  it.each(ELECTION_ALGORITHMS)(
    'an election triggered by an admin (%s) moves to a higher term with the same leader',
    async (triggered) => {
      const before = await eventually(() => agreement(runner, [1, 2, 3]), 20_000, 'agreement on a leader');
      const unauthorized = await fetch(`${runner.nodeUrl(1)}/api/cluster/election`, { method: 'POST' });
      expect(unauthorized.status).toBe(401);
      const unknown = await fetch(`${runner.nodeUrl(1)}/api/cluster/election?algorithm=raft`, {
        method: 'POST',
        headers: ADMIN,
      });
      expect(unknown.status).toBe(400);
      const response = await fetch(`${runner.nodeUrl(1)}/api/cluster/election?algorithm=${triggered}`, {
        method: 'POST',
        headers: ADMIN,
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ algorithm: triggered });
      const after = await eventually(
        async () => {
          const agreed = await agreement(runner, [1, 2, 3]);
          return agreed && agreed.term > before.term ? agreed : undefined;
        },
        20_000,
        'a new term',
      );
      expect(after.leader).toBe(before.leader);
      // The winner recorded the round it won with the algorithm that ran it.
      const winner = (await clusterStatus(runner.nodeUrl(after.leader)))!;
      expect(winner.elections.find((record) => record.term === after.term)).toMatchObject({ algorithm: triggered });
    },
  );

  it('Lamport timestamps increase along every message chain', async () => {
    const fetchLog = async (id: number) => {
      const response = await fetch(`${runner.nodeUrl(id)}/api/cluster/messages?limit=500`, { headers: ADMIN });
      expect(response.status).toBe(200);
      return (await response.json()) as Logged[];
    };
    // A node restarted a moment ago has a short log yet: wait until each holds a few hundred messages.
    const logs = await eventually(
      async () => {
        const all = new Map<number, Logged[]>();
        for (const id of runner.nodeIds()) all.set(id, await fetchLog(id));
        return [...all.values()].every((log) => log.length >= 200) ? all : undefined;
      },
      30_000,
      'message logs of 200 entries',
    );
    let receives = 0;
    let matched = 0;
    for (const [id, log] of logs) {
      for (let index = 0; index < log.length; index++) {
        const entry = log[index];
        // Every event moves the node's clock forward; a send is stamped with the ticked clock.
        if (index > 0 && !(entry.clock > log[index - 1].clock))
          throw new Error(`node ${id}: clock did not increase at ${JSON.stringify(entry)}`);
        if (entry.direction === 'sent') expect(entry.stamp).toBe(entry.clock);
        if (entry.direction === 'received') {
          receives += 1;
          // receive = max(local, received) + 1: strictly after the send.
          if (!(entry.clock > entry.stamp))
            throw new Error(`node ${id}: receive not after send: ${JSON.stringify(entry)}`);
          // The send it answers is in the sender's log (when still in its window), with the same stamp.
          const sender = entry.peer === null ? undefined : logs.get(entry.peer);
          const sent = sender?.find(
            (candidate) => candidate.direction === 'sent' && candidate.stamp === entry.stamp && candidate.peer === id,
          );
          if (sent) matched += 1;
        }
      }
    }
    expect(receives).toBeGreaterThan(100);
    expect(matched).toBeGreaterThan(receives / 2);
  });

  it('refuses node messages without the cluster token or from a stranger', async () => {
    const message = { type: 'COORDINATOR', from: 1, term: 10_000, lamport: 1 };
    const anonymous = await fetch(`${runner.nodeUrl(2)}/api/cluster/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    expect(anonymous.status).toBe(401);
    const stranger = await fetch(`${runner.nodeUrl(2)}/api/cluster/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ADMIN },
      body: JSON.stringify({ ...message, from: 9 }),
    });
    expect(stranger.status).toBe(400);
    const malformed = await fetch(`${runner.nodeUrl(2)}/api/cluster/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ADMIN },
      body: JSON.stringify({ ...message, type: 'TAKEOVER' }),
    });
    expect(malformed.status).toBe(400);
    expect((await clusterStatus(runner.nodeUrl(2)))!.leader).toBe(3);
  });
});
