import { Module } from '@nestjs/common';
import { BookingModule } from '@app/booking';
import { CatalogModule } from '@app/catalog';
import { DoorController } from './door.controller';
import { DoorGuard } from './door.guard';
import { DoorService } from './door.service';

/** Door check-in over HTTP (the API loads it; the worker does not). */
@Module({
  imports: [BookingModule, CatalogModule],
  controllers: [DoorController],
  providers: [DoorService, DoorGuard],
  exports: [DoorService],
})
export class DoorModule {}
