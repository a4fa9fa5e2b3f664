import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { PricingModule } from '@app/pricing';
import { BookingService } from './booking.service';
import { BookingRepository } from './booking.repository';
import { HoldRepository } from './hold.repository';
import { HoldService } from './hold.service';
import { ReservationService } from './reservation/reservation.service';
import { SeatEvents } from './seat-events';
import { SeatEventsBridge } from './seat-events-bridge';
import { SeatGuards } from './seat-guards';
import { SeatInventoryModule } from './seat-inventory.module';
import { SeatMapService } from './seat-map.service';
import { SeatSelection } from './seat-selection';
import { ShowSeatingCache } from './show-seating.cache';
import { SeatTotalsService } from './seat-totals.service';
import { TicketPricing } from './ticket-pricing';

/** Seat inventory, holds, bookings, cancellation and the seat guards (no HTTP: see BookingHttpModule). */
@Module({
  imports: [CatalogModule, PricingModule, SeatInventoryModule],
  providers: [
    BookingService,
    BookingRepository,
    HoldRepository,
    HoldService,
    ReservationService,
    SeatEvents,
    SeatEventsBridge,
    SeatGuards,
    SeatMapService,
    SeatSelection,
    SeatTotalsService,
    ShowSeatingCache,
    TicketPricing,
  ],
  exports: [
    BookingService,
    HoldService,
    ReservationService,
    SeatEvents,
    SeatMapService,
    SeatTotalsService,
    TicketPricing,
  ],
})
export class BookingModule {}
