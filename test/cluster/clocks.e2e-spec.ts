import { ClusterRunner } from '../../scripts/cluster/cluster-runner';
import { agreement, startTestCluster } from '../support/cluster';
import { faketimeEnv } from '../support/faketime';
import { eventually } from '../support/processes';

// Generous: three ts-node API processes on a loaded two-core box.
jest.setTimeout(240_000);

const SKEW_MS = 30_000;

interface ClockBody {
  nodeId: number;
  offsetMs: number | null;
  flagged: boolean;
  maxOffsetMs: number;
  lastRound: {
    leader: number;
    readings: { node: number; offsetMs: number; correctionMs: number; excluded: boolean }[];
  } | null;
}

describe('Berkeley clock synchronisation with one node under faketime (+30 s)', () => {
  let runner: ClusterRunner;

  beforeAll(async () => {
    runner = await startTestCluster({
      nodes: 3,
      proxy: false,
      env: { CLOCK_SYNC_INTERVAL_MS: '1000', MAX_CLOCK_OFFSET_MS: '500', CLOCK_OUTLIER_MS: '1000' },
      // Node 2's wall clock runs 30 s ahead; its monotonic clock (timers, timeouts) is left alone.
      nodeEnv: (id): Record<string, string> => (id === 2 ? faketimeEnv(SKEW_MS / 1000, { monotonic: false }) : {}),
    });
  });
  afterAll(() => runner?.stop());

  const clocks = async (id: number): Promise<ClockBody> =>
    (await (await fetch(`${runner.nodeUrl(id)}/api/cluster/clocks`)).json()) as ClockBody;
  const health = async (id: number) =>
    (await (await fetch(`${runner.nodeUrl(id)}/api/health`)).json()) as { status: string; clock: { flagged: boolean } };

  it('the leader measures the skewed node, leaves it out of the average, tells each node its correction; the skewed node is flagged', async () => {
    const { leader } = await eventually(() => agreement(runner, [1, 2, 3]), 30_000, 'agreement on a leader');
    expect(leader).toBe(3); // elections compare ids and terms, never clocks: the skew changes nothing
    const skewed = await eventually(
      async () => {
        const body = await clocks(2);
        return body.offsetMs !== null && body.lastRound?.readings.length === 3 ? body : undefined;
      },
      30_000,
      'a Berkeley round reaching node 2',
    );
    expect(skewed.lastRound!.leader).toBe(3);
    expect(Math.abs(skewed.offsetMs! - SKEW_MS)).toBeLessThan(1_000);
    expect(skewed.flagged).toBe(true);
    const reading = (node: number) => skewed.lastRound!.readings.find((entry) => entry.node === node)!;
    expect(reading(2).excluded).toBe(true); // an outlier does not pull the others
    expect(Math.abs(reading(2).correctionMs + SKEW_MS)).toBeLessThan(1_000);
    for (const node of [1, 3]) {
      expect(reading(node).excluded).toBe(false);
      expect(Math.abs(reading(node).offsetMs)).toBeLessThan(200);
    }

    // Every node exposes its own offset; only the skewed one reports degraded health (and stays in service: 200).
    for (const id of [1, 3]) {
      const body = await eventually(
        async () => ((await clocks(id)).offsetMs === null ? undefined : clocks(id)),
        10_000,
        `node ${id}'s offset`,
      );
      expect(Math.abs(body.offsetMs!)).toBeLessThan(200);
      expect(body.flagged).toBe(false);
      expect(await health(id)).toMatchObject({ status: 'ok', clock: { flagged: false } });
    }
    const response = await fetch(`${runner.nodeUrl(2)}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'degraded', clock: { flagged: true, maxOffsetMs: 500 } });
  });
});
