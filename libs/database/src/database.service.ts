import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { isRetryable } from './driver-errors';
import { isMysqlFamily } from './database.options';

/**
 * The DataSource plus what every lib needs around it: transactions that are safe on both drivers
 * and classification of driver errors.
 *
 * SQLite (better-sqlite3) has one connection, so concurrent `BEGIN`s would nest; transactions are
 * run one at a time there. MySQL transactions run in parallel on pooled connections and are
 * retried on deadlock or lock-wait timeout.
 */
@Injectable()
export class DatabaseService {
  private readonly sqliteWriter = new Mutex();
  readonly isMysql: boolean;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.isMysql = isMysqlFamily(dataSource.options);
  }

  /** The default (non-transactional) entity manager. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Runs `work` in one transaction (the server's default isolation, REPEATABLE READ on InnoDB:
   * the seat claims are locking UPDATEs on unique keys, which read the latest committed rows in
   * any level, so no extra SET round trip is spent) and returns its result; rolls back
   * when it throws. A deadlock or lock-wait timeout on MySQL re-runs `work` up to `attempts` times.
   * @throws whatever `work` throws, or the driver error once attempts are used up.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>, attempts = 3): Promise<T> {
    if (!this.isMysql) {
      return this.sqliteWriter.runExclusive(() => this.dataSource.transaction(work));
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (attempt >= attempts || !isRetryable(error)) throw error;
      }
    }
  }
}

/**
 * Inserts one row without reading it back (TypeORM otherwise re-selects defaulted and generated
 * columns on MySQL: one more round trip). Give every column. Returns the auto-increment id, if any.
 */
export async function insertRow<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, values: QueryDeepPartialEntity<T>): Promise<number> {
  const result = await manager.createQueryBuilder().insert().into(entity).values(values).updateEntity(false).execute();
  // mysql2 answers a ResultSetHeader with insertId; better-sqlite3 the last row id.
  return Number(typeof result.raw === 'object' ? result.raw.insertId : result.raw);
}
