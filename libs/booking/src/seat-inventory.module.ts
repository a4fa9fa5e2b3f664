import { Global, Module } from '@nestjs/common';
import { ShowSeatInventory } from '@app/catalog';
import { SeatInventoryRepository } from './seat-inventory.repository';
import { ShowInventoryRepository } from './show-inventory.repository';

/**
 * The seat inventory (`show_seat`), libs/booking's: the sale's repository, and the catalogue's
 * port ({@link ShowSeatInventory}) bound to booking's implementation. Global, because libs/catalog
 * sits below booking and cannot import it: its services inject the port, and this provides it.
 */
@Global()
@Module({
  providers: [
    SeatInventoryRepository,
    ShowInventoryRepository,
    { provide: ShowSeatInventory, useExisting: ShowInventoryRepository },
  ],
  exports: [SeatInventoryRepository, ShowSeatInventory],
})
export class SeatInventoryModule {}
