import { RowDataPacket } from 'mysql2/promise';
import { SqlLink } from '@app/database';

/** How long fencing may take before it gives up (ms); the next leader tick tries again. */
export const FENCE_TIMEOUT_MS = 10_000;

/** What MariaDB's process list says of a `SET GLOBAL read_only = ON` waiting for in-flight commits. */
const READ_ONLY_WAITING = `SELECT @@global.read_only AS readOnly,
  (SELECT COUNT(*) FROM information_schema.PROCESSLIST
    WHERE INFO LIKE 'SET GLOBAL read_only%' AND STATE = 'Waiting for backup lock') AS waiting`;

/**
 * Makes the server behind `link` read-only, also when commits on it wait for a semi-sync
 * acknowledgement that cannot come (an old primary cut off from its replicas, or resumed after
 * SIGSTOP; semi-sync never falls back, see README "Replication and failover").
 *
 * `SET GLOBAL read_only = ON` waits for such commits (MariaDB takes the backup lock: state
 * "Waiting for backup lock") and, while it waits, holds back every new write. Once that wait shows
 * in the process list, a second connection switches the semi-sync master off: the waiting commits
 * finish on this server alone — their clients were answered 503 with `atCommit` (outcome unknown,
 * resolved by the Idempotency-Key on the new primary), never "confirmed" — and read_only takes
 * effect. Semi-sync is switched off only while read_only is pending or in force, so no new write
 * can commit unacknowledged in between. Such a server holds transactions no other server has and
 * must be rebuilt before it can replicate again.
 * @throws the driver's error, or Error when read_only did not take effect within FENCE_TIMEOUT_MS.
 */
export async function fenceServer(link: SqlLink): Promise<void> {
  const deadline = Date.now() + FENCE_TIMEOUT_MS;
  let settled = false;
  const readOnly = link.query('SET GLOBAL read_only = ON', [], FENCE_TIMEOUT_MS).finally(() => (settled = true));
  const side = link.sibling();
  const release = async () => {
    while (!settled && Date.now() < deadline) {
      const [row] = await side.query<RowDataPacket[]>(READ_ONLY_WAITING, [], 2_000);
      if (Number(row.readOnly) === 1) return;
      if (Number(row.waiting) > 0) {
        await side.query('SET GLOBAL rpl_semi_sync_master_enabled = OFF', [], 2_000);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    await Promise.all([readOnly, release()]);
  } finally {
    side.drop();
  }
}
