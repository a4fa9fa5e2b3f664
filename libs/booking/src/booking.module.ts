import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { BookingController } from './booking.controller';
import { BookingService } from './booking.service';
import { BookingWriter } from './booking.writer';
import { HoldController } from './hold.controller';
import { HoldService } from './hold.service';
import { SeatEvents } from './seat-events';
import { SeatGuards } from './seat-guards';
import { SeatInventoryRepository } from './seat-inventory.repository';
import { SeatMapController } from './seat-map.controller';
import { SeatMapService } from './seat-map.service';
import { SeatSelection } from './seat-selection';
import { ShowSeatingCache } from './show-seating';

/** Seat inventory, holds, bookings, cancellation and the seat guards. */
@Module({
  imports: [CatalogModule],
  controllers: [SeatMapController, HoldController, BookingController],
  providers: [
    BookingService,
    BookingWriter,
    HoldService,
    SeatEvents,
    SeatGuards,
    SeatInventoryRepository,
    SeatMapService,
    SeatSelection,
    ShowSeatingCache,
  ],
  exports: [BookingService, HoldService, SeatEvents, SeatMapService],
})
export class BookingModule {}
