import { EntityManager } from 'typeorm';

/**
 * Tickets admitted at the door per show, for the sales report's `checkIns` column: show id →
 * count of `booking_seat` rows of confirmed bookings with `admitted_at` set (libs/door admits them).
 */
export async function checkInCounts(manager: EntityManager, showIds: number[]): Promise<Map<number, number>> {
  if (!showIds.length) return new Map();
  const rows: { showId: number | string; admitted: number | string }[] = await manager
    .createQueryBuilder()
    .select('b.show_id', 'showId')
    .addSelect('COUNT(*)', 'admitted')
    .from('booking_seat', 'bs')
    .innerJoin('booking', 'b', 'b.id = bs.booking_id')
    .where('b.show_id IN (:...showIds)', { showIds })
    .andWhere("b.state = 'confirmed'")
    .andWhere('bs.admitted_at IS NOT NULL')
    .groupBy('b.show_id')
    .getRawMany();
  return new Map(rows.map((row) => [Number(row.showId), Number(row.admitted)]));
}
