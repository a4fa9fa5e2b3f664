import { BOOKING_ENTITIES } from '@app/booking';
import { CATALOG_ENTITIES } from '@app/catalog';
import { DATABASE_ENTITIES } from '@app/database';

/** Every table this app maps, from the libs it loads. */
export const ENTITIES = [...CATALOG_ENTITIES, ...BOOKING_ENTITIES, ...DATABASE_ENTITIES];
