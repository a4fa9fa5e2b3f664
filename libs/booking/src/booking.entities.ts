import { BookingSeat } from './entities/booking-seat.entity';
import { Booking } from './entities/booking.entity';
import { Hold } from './entities/hold.entity';

/** The tables libs/booking owns. */
export const BOOKING_ENTITIES = [Hold, Booking, BookingSeat];
