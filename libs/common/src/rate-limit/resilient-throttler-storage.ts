import { Logger, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How long a counter update may wait on Redis before the node counts locally instead. */
const REDIS_TIMEOUT_MS = 250;

/**
 * Rate-limit counters in Redis (so a limit is per cluster, not per node) through the maintained
 * `@nest-lab/throttler-storage-redis`, falling back to @nestjs/throttler's in-memory storage for
 * any update Redis does not answer within 250 ms (down, restarting): requests are never refused
 * or delayed because Redis is, they are only counted per node meanwhile. Without a Redis URL the
 * counters are in memory.
 */
export class ResilientThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly local = new ThrottlerStorageService();
  private readonly redis?: Redis;
  private readonly shared?: ThrottlerStorageRedisService;
  private warned = false;

  /** @param redisUrl `redis://host:port/db`, or undefined for in-memory counters. */
  constructor(redisUrl?: string) {
    if (!redisUrl) return;
    // No offline queue: while disconnected a command fails at once and the local counter is used.
    this.redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    this.redis.on('error', () => undefined);
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  /** Counts one hit of `key` (see ThrottlerStorage): in Redis when it answers, else locally. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    if (this.shared && this.redis?.status === 'ready') {
      try {
        return await withTimeout(this.shared.increment(key, ttl, limit, blockDuration, throttlerName));
      } catch (error) {
        if (!this.warned) this.logger.warn(`rate-limit counters fall back to this node: ${String(error)}`);
        this.warned = true;
      }
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onModuleDestroy(): void {
    this.local.onApplicationShutdown();
    this.redis?.disconnect(false);
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis in ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
