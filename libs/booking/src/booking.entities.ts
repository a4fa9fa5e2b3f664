import { BookingSeat } from './entities/booking-seat.entity';
import { Booking } from './entities/booking.entity';
import { Hold } from './entities/hold.entity';
import { ShowSeat } from './entities/show-seat.entity';

/** The tables libs/booking owns: the seat inventory, holds, bookings and their seats. */
export const BOOKING_ENTITIES = [ShowSeat, Hold, Booking, BookingSeat];
