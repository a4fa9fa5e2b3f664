import { SeatKindSurcharge } from './entities/seat-kind-surcharge.entity';
import { TheaterPricing } from './entities/theater-pricing.entity';
import { TicketType } from './entities/ticket-type.entity';

/** The tables libs/pricing owns: ticket types, seat-kind surcharges and theater currencies. */
export const PRICING_ENTITIES = [TicketType, SeatKindSurcharge, TheaterPricing];
