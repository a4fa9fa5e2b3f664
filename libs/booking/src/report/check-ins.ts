import { EntityManager } from 'typeorm';

/**
 * Tickets admitted at the door per show, for the sales report's `checkIns` column: show id →
 * count of `booking_seat` rows (of confirmed bookings) with `admitted_at` set.
 *
 * MERGE POINT (issue 15, door check-in): the `admitted_at` column arrives with the check-in
 * branch; until it is merged no ticket can have been admitted, so every count is 0. At the merge,
 * replace the body with the count below (both drivers accept it):
 *   SELECT b.show_id AS showId, COUNT(*) AS admitted FROM booking_seat bs
 *   JOIN booking b ON b.id = bs.booking_id
 *   WHERE b.show_id IN (…) AND b.state = 'confirmed' AND bs.admitted_at IS NOT NULL GROUP BY b.show_id
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function checkInCounts(manager: EntityManager, showIds: number[]): Promise<Map<number, number>> {
  return new Map();
}
