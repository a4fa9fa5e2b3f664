import { BOOKING_ENTITIES } from '@app/booking';
import { CATALOG_ENTITIES } from '@app/catalog';
import { DATABASE_ENTITIES } from '@app/database';
import { FAILOVER_ENTITIES } from '@app/failover';
import { PRICING_ENTITIES } from '@app/pricing';
import { WAITING_ROOM_ENTITIES } from '@app/waiting-room';

/**
 * Every table of the application: the entities each lib owns, in one list. The apps' DataSource,
 * the TypeORM CLI (scripts/data-source.ts, migration:generate) and the tests' migrated databases
 * all map exactly this list, so the committed migrations and the running schema cannot drift
 * apart. A lib that adds a table adds its list here.
 */
export const ENTITIES = [
  ...CATALOG_ENTITIES,
  ...BOOKING_ENTITIES,
  ...DATABASE_ENTITIES,
  ...FAILOVER_ENTITIES,
  ...PRICING_ENTITIES,
  ...WAITING_ROOM_ENTITIES,
];
