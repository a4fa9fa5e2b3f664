import { Module } from '@nestjs/common';

/**
 * Movies, theaters, screens, seats and shows; the TMDB import; the show scheduler; first-run data.
 * Providers and controllers are listed here explicitly.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class CatalogModule {}
