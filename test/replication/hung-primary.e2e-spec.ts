import { rmSync } from 'node:fs';
import { ClusterRunner } from '../../scripts/cluster/cluster-runner';
import { makeShows, resolveUnknowns, rush, startRushNodes } from '../support/booking-rush';
import { checkHistory } from '../support/history/checker';
import { readFinalState } from '../support/history/final-state';
import { HistoryRecorder } from '../support/history/history';
import { Instance, MariadbCluster } from '../support/mariadb-cluster';
import { eventually } from '../support/processes';

jest.setTimeout(300_000);

/** How long the primary stays hung (ms). */
const HUNG_MS = 10_000;

/**
 * A hung primary (issue 12, scenario 6): mid-way through a booking rush over three API processes
 * the primary's mariadbd is stopped with SIGSTOP — it keeps its connections and answers nothing —
 * and resumed with SIGCONT 10 s later. The leader's probes time out (2 s statement ceiling), so it
 * promotes a replica; requests caught on the hung server end after DATABASE_WRITE_TIMEOUT_MS with
 * a 503 instead of hanging. The resumed old primary must not act as a second primary: it is
 * fenced read-only, and commits it had not had acknowledged never confirm (semi-sync never falls
 * back). The history is held against the new primary and its replica.
 */
describe('a hung primary (SIGSTOP for 10 s, then SIGCONT) during a booking rush', () => {
  it('is replaced within 10 s, comes back fenced, and no confirmed booking is lost', async () => {
    const database = 'marquee_hung_primary';
    const cluster = await MariadbCluster.start([3332, 3333, 3334], database);
    let nodes: ClusterRunner | undefined;
    let hung = false;
    try {
      nodes = await startRushNodes(cluster, { DATABASE_WRITE_TIMEOUT_MS: '2000' });
      const shows = await makeShows(cluster, database);
      const recorder = new HistoryRecorder();

      let stoppedAt = 0;
      const attempts = await rush(nodes, recorder, shows, async () => {
        stoppedAt = Date.now();
        cluster.signal(1, 'SIGSTOP');
        hung = true;
        await new Promise((resolve) => setTimeout(resolve, HUNG_MS));
        cluster.signal(1, 'SIGCONT');
        hung = false;
      });

      const firstAfter = Math.min(
        ...attempts.filter((a) => a.status === 201 && !a.replayed && a.sentAt >= stoppedAt).map((a) => a.at),
      );
      const unavailableMs = firstAfter - stoppedAt;
      const slowest = Math.max(...recorder.history().map((op) => (op.completedAt ?? Infinity) - op.invokedAt));
      console.log(
        `hung primary: ${attempts.length} attempts, ${attempts.filter((a) => a.status === 201).length} booked, ` +
          `${attempts.filter((a) => a.status === 409).length} refused, ${attempts.filter((a) => a.status === 'gave-up').length} gave up; ` +
          `writes unavailable for ${unavailableMs} ms after SIGSTOP; slowest request ${slowest} ms`,
      );
      expect(attempts.filter((a) => typeof a.status === 'number' && a.status >= 500 && a.status !== 503)).toEqual([]);
      expect(unavailableMs).toBeLessThan(10_000);
      // No request hung with the server: each ended within the write timeout plus slack (the
      // clients' own limit is 5 s).
      expect(slowest).toBeLessThan(5_500);

      const newPrimary = await eventually(
        async () => {
          for (const instance of [2, 3] as const)
            if ((await cluster.value(instance, 'SELECT @@global.read_only').catch(() => 1)) === 0) return instance;
          return undefined;
        },
        20_000,
        'a new primary',
      );
      // The resumed old primary is fenced: read-only, whatever it still has waiting.
      await eventually(
        async () => (await cluster.value(1, 'SELECT @@global.read_only').catch(() => 0)) === 1,
        20_000,
        `the old primary fenced\n${await cluster.status()}`,
      );

      await resolveUnknowns(nodes, recorder, attempts);
      const replica = ([2, 3] as Instance[]).find((instance) => instance !== newPrimary)!;
      await eventually(
        async () =>
          (await cluster.value(replica, 'SELECT @@global.gtid_slave_pos')) ===
          (await cluster.value(newPrimary, 'SELECT @@global.gtid_binlog_pos')),
        30_000,
        'the replica catching up',
      );
      const state = await readFinalState(
        cluster,
        database,
        shows.map((show) => show.id),
        newPrimary,
        [replica],
      );
      const verdict = checkHistory(recorder.history(), state);
      console.log(
        `hung primary history: ${verdict.attempts} requests, ${verdict.ok} ok, ${verdict.fail} failed, ` +
          `${verdict.unknown} unknown, ${verdict.lost} lost, ${verdict.soldTwice} sold twice; ` +
          `old primary afterwards:\n${await cluster.status()}`,
      );
      expect(verdict.violations).toEqual([]);
    } finally {
      if (hung) cluster.signal(1, 'SIGCONT');
      await nodes?.stop();
      if (nodes) rmSync(nodes.options.runDir, { recursive: true, force: true });
      await cluster.destroy();
    }
  });
});
