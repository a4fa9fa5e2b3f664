import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { AppConfigService } from '../app-config.service';
import { AdminAuthLimiter } from './admin-auth-limiter';
import { clientAddress } from './client-address';
import { ResilientThrottlerStorage } from './resilient-throttler-storage';

/**
 * Rate limits of the HTTP node. Routes guarded by `ThrottlerGuard` (holds, bookings,
 * reservations, tickets) share one counter per client address: `RATE_LIMIT_PER_MINUTE` requests
 * a minute across all of them, not per route. Counters live in Redis when `REDIS_URL` is set
 * (per cluster), in memory otherwise. Also provides {@link AdminAuthLimiter} to the admin guard.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.get('RATE_LIMIT_PER_MINUTE') }],
        storage: new ResilientThrottlerStorage(config.get('REDIS_URL')),
        getTracker: (request: Record<string, unknown>) => clientAddress(request as unknown as Request),
        generateKey: (_context, tracker, name) => `marquee:${name}:${tracker}`,
      }),
    }),
  ],
  providers: [AdminAuthLimiter],
  exports: [AdminAuthLimiter],
})
export class RateLimitModule {}
