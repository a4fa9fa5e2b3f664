import { Module } from '@nestjs/common';
import { BookingController } from './booking.controller';
import { BookingModule } from './booking.module';
import { HoldController } from './hold.controller';
import { SeatMapController } from './seat-map.controller';

/** The booking lib's HTTP surface (seat maps, holds, bookings); the API loads it, the worker does not. */
@Module({
  imports: [BookingModule],
  controllers: [SeatMapController, HoldController, BookingController],
})
export class BookingHttpModule {}
