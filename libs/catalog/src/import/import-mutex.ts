import { Injectable } from '@nestjs/common';
import { DatabaseService } from '@app/database';

/** What {@link ImportMutex.tryRun} came to. */
export type ExclusiveRun<T> = { ran: true; value: T } | { ran: false; holder: string };

/**
 * "At most one import of a kind runs in the cluster at a time", behind one small seam so a
 * cluster-wide mutex (Lamport's, libs/cluster) can replace this provider without touching the
 * importers: `tryRun` runs `work` when nobody holds `name`, and otherwise does not wait.
 */
export abstract class ImportMutex {
  /** Runs `work` while holding `name`; `{ ran: false }` at once when another run holds it. */
  abstract tryRun<T>(name: string, work: () => Promise<T>): Promise<ExclusiveRun<T>>;
}

/** Names held by this process (SQLite: one process owns the file). */
const heldHere = new Set<string>();

/**
 * The database as the arbiter, until libs/cluster's mutex takes over: on MySQL the named lock
 * `GET_LOCK('marquee_import_<name>', 0)` on a dedicated connection for the whole run (freed by
 * the server if the node dies, since the connection goes with it); on SQLite, which one process
 * owns, a per-process set of held names.
 */
@Injectable()
export class DatabaseImportMutex extends ImportMutex {
  constructor(private readonly db: DatabaseService) {
    super();
  }

  async tryRun<T>(name: string, work: () => Promise<T>): Promise<ExclusiveRun<T>> {
    if (!this.db.isMysql) {
      if (heldHere.has(name)) return { ran: false, holder: 'this process' };
      heldHere.add(name);
      try {
        return { ran: true, value: await work() };
      } finally {
        heldHere.delete(name);
      }
    }
    const lock = `marquee_import_${name}`;
    const runner = this.db.dataSource.createQueryRunner('master');
    try {
      await runner.connect();
      const [row] = (await runner.query('SELECT GET_LOCK(?, 0) AS granted, IS_USED_LOCK(?) AS holder', [
        lock,
        lock,
      ])) as { granted: unknown; holder: unknown }[];
      if (Number(row?.granted) !== 1) return { ran: false, holder: `database connection ${String(row?.holder)}` };
      try {
        return { ran: true, value: await work() };
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [lock]);
      }
    } finally {
      await runner.release();
    }
  }
}
