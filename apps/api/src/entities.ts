import { BOOKING_ENTITIES } from '@app/booking';
import { CATALOG_ENTITIES } from '@app/catalog';

/** Every table this app maps, from the libs it loads. */
export const ENTITIES = [...CATALOG_ENTITIES, ...BOOKING_ENTITIES];
