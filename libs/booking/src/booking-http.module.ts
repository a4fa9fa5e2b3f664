import { Module } from '@nestjs/common';
import { WaitingRoomModule } from '@app/waiting-room';
import { AuditController } from './audit/audit.controller';
import { AuditLogRepository } from './audit/audit-log.repository';
import { AuditLogService } from './audit/audit-log.service';
import { BookingController } from './booking.controller';
import { BookingModule } from './booking.module';
import { HoldController } from './hold.controller';
import { ReservationController } from './reservation/reservation.controller';
import { SeatEventsController } from './seat-events.controller';
import { SeatMapController } from './seat-map.controller';
import { TicketController } from './ticket.controller';
import { SalesReportController } from './report/sales-report.controller';
import { SalesReportRepository } from './report/sales-report.repository';
import { SalesReportService } from './report/sales-report.service';

/**
 * The booking lib's HTTP surface (seat maps and their live events, holds, bookings, e-tickets);
 * the API loads it, the worker does not.
 */
@Module({
  imports: [BookingModule, WaitingRoomModule],
  controllers: [
    SeatMapController,
    SeatEventsController,
    HoldController,
    BookingController,
    ReservationController,
    TicketController,
    AuditController,
    SalesReportController,
  ],
  providers: [AuditLogService, AuditLogRepository, SalesReportService, SalesReportRepository],
})
export class BookingHttpModule {}
