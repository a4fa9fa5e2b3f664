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
import { BookingNotices } from './booking-notices';
import { TicketSigner } from './ticket-code';
import { TicketRepository } from './ticket.repository';
import { TicketService } from './ticket.service';

/** Seat inventory, holds, bookings, cancellation, tickets and the seat guards (no HTTP: see BookingHttpModule). */
@Module({
  imports: [CatalogModule, PricingModule, SeatInventoryModule],
  providers: [
    BookingNotices,
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
    TicketRepository,
    TicketService,
    TicketSigner,
  ],
  exports: [
    BookingNotices,
    BookingService,
    HoldService,
    ReservationService,
    SeatEvents,
    SeatMapService,
    SeatTotalsService,
    TicketPricing,
    TicketService,
  ],
})
export class BookingModule {}
