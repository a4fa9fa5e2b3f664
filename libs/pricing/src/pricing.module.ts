import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { PricingService } from './pricing.service';

/** Ticket types, surcharges and currencies per theater (no HTTP: see PricingHttpModule). */
@Module({
  imports: [CatalogModule],
  providers: [PricingService],
  exports: [PricingService],
})
export class PricingModule {}
