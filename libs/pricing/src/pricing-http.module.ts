import { Module } from '@nestjs/common';
import { PricingAdminController } from './pricing-admin.controller';
import { PricingModule } from './pricing.module';

/** The pricing lib's admin routes; the API loads it, the worker does not. */
@Module({ imports: [PricingModule], controllers: [PricingAdminController] })
export class PricingHttpModule {}
