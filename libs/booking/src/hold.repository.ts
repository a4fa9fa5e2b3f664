import { Injectable } from '@nestjs/common';
import { EntityManager, MoreThan, MoreThanOrEqual } from 'typeorm';
import { affectedRows, insertRow } from '@app/database';
import { Hold } from './entities/hold.entity';

/** Which unexpired holds a cap counts: one customer's (by email) or one client address's. */
export type HoldOwner = { customerEmail: string } | { clientAddress: string };

/**
 * The only place the `hold` table is read and written. Times are epoch ms; a hold is live while
 * `state = 'active'` and `expires_at >= now`. Every state change is conditional on the state it
 * leaves, so callers learn from the affected-row count whether they won (DESIGN.md invariant 1).
 */
@Injectable()
export class HoldRepository {
  /** The hold with `id`, or null. */
  find(manager: EntityManager, id: string): Promise<Hold | null> {
    return manager.findOne(Hold, { where: { id } });
  }

  /** Inserts a new hold row (its id is the caller's UUID). */
  async insert(manager: EntityManager, hold: Hold): Promise<void> {
    await insertRow(manager, Hold, hold);
  }

  /** Active holds of `owner` that have not lapsed at `now`. */
  countLive(manager: EntityManager, owner: HoldOwner, now: number): Promise<number> {
    return manager.count(Hold, { where: { ...owner, state: 'active', expiresAt: MoreThan(now) } });
  }

  /** Marks a hold confirmed into booking `bookingId` (inside the confirming transaction). */
  async markConfirmed(manager: EntityManager, id: string, bookingId: number): Promise<void> {
    await manager.update(Hold, { id }, { state: 'confirmed', bookingId });
  }

  /** Records the ticket types of an active hold that has not lapsed at `now`. Returns false otherwise. */
  async setTicketTypes(
    manager: EntityManager,
    id: string,
    ticketTypes: Record<string, number>,
    now: number,
  ): Promise<boolean> {
    const result = await manager.update(
      Hold,
      { id, state: 'active', expiresAt: MoreThanOrEqual(now) },
      { ticketTypes },
    );
    return Boolean(result.affected);
  }

  /** Active → released. Returns false when the hold was no longer active. */
  async release(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager.update(Hold, { id, state: 'active' }, { state: 'released' });
    return Boolean(result.affected);
  }

  /** Up to `limit` active holds that lapsed before `now`, oldest first (id and show only). */
  lapsed(manager: EntityManager, now: number, limit: number): Promise<Pick<Hold, 'id' | 'showId'>[]> {
    return manager
      .createQueryBuilder(Hold, 'hold')
      .select(['hold.id', 'hold.showId'])
      .where('hold.state = :active AND hold.expiresAt < :now', { active: 'active', now })
      .orderBy('hold.expiresAt', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Active → expired for those of `ids` that lapsed before `now`. Returns how many changed. */
  async expire(manager: EntityManager, ids: string[], now: number): Promise<number> {
    if (!ids.length) return 0;
    const result = await manager
      .createQueryBuilder()
      .update(Hold)
      .set({ state: 'expired' })
      .where('id IN (:...ids) AND state = :active AND expires_at < :now', { ids, active: 'active', now })
      .execute();
    return affectedRows(result);
  }
}
