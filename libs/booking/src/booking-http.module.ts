import { Module } from '@nestjs/common';
import { BookingController } from './booking.controller';
import { BookingModule } from './booking.module';
import { HoldController } from './hold.controller';
import { ReservationController } from './reservation/reservation.controller';
import { SeatEventsController } from './seat-events.controller';
import { SeatMapController } from './seat-map.controller';
import { TicketController } from './ticket.controller';
import { TicketService } from './ticket.service';

/**
 * The booking lib's HTTP surface (seat maps and their live events, holds, bookings, e-tickets);
 * the API loads it, the worker does not.
 */
@Module({
  imports: [BookingModule],
  controllers: [SeatMapController, SeatEventsController, HoldController, BookingController, ReservationController, TicketController],
  providers: [TicketService],
})
export class BookingHttpModule {}
