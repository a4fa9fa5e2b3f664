import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';

/** Seat inventory, holds, bookings, cancellation and the seat guards. */
@Module({
  imports: [CatalogModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class BookingModule {}
