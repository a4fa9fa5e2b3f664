import { Inject, Injectable, Optional } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { AppConfigService } from '../app-config.service';
import { DomainError, ErrorCode } from '../domain.error';

/** The throttler name (and key prefix) of failed admin authentications. */
const NAME = 'admin-auth';

/**
 * Slows down guessing the admin token: failed authentications (missing or wrong token) are
 * counted per client address in the rate-limit storage (Redis when `REDIS_URL` is set, so across
 * the cluster); past `ADMIN_AUTH_FAILURES_PER_MINUTE` the client is refused (429, `Retry-After`)
 * for `ADMIN_AUTH_BLOCK_SECONDS` on every admin request, right token or not, so a guess cannot
 * tell whether it was right. The block is remembered by each node that saw a failure from the
 * client after it began (the shared counter says so), i.e. within one guess per node.
 */
@Injectable()
export class AdminAuthLimiter {
  /** Client address → end of its block (monotonic ms). */
  private readonly blocked = new Map<string, number>();
  private readonly limit: number;
  private readonly blockMs: number;

  constructor(
    config: AppConfigService,
    @Optional() @Inject(ThrottlerStorage) private readonly storage?: ThrottlerStorage,
  ) {
    this.limit = config.get('ADMIN_AUTH_FAILURES_PER_MINUTE');
    this.blockMs = config.get('ADMIN_AUTH_BLOCK_SECONDS') * 1000;
  }

  /** @throws DomainError RATE_LIMITED (429) while `client` is blocked. */
  assertAllowed(client: string): void {
    const until = this.blocked.get(client);
    if (until === undefined) return;
    const left = until - performance.now();
    if (left <= 0) {
      this.blocked.delete(client);
      return;
    }
    throw rateLimited(left);
  }

  /**
   * Counts one failed authentication of `client`.
   * @throws DomainError RATE_LIMITED (429) when that puts (or keeps) it past the limit.
   */
  async recordFailure(client: string): Promise<void> {
    if (!this.storage) return;
    const record = await this.storage.increment(`${NAME}:${client}`, 60_000, this.limit, this.blockMs, NAME);
    if (!record.isBlocked) return;
    const left = Math.max(1, record.timeToBlockExpire) * 1000;
    if (this.blocked.size > 10_000) this.blocked.clear();
    this.blocked.set(client, performance.now() + left);
    throw rateLimited(left);
  }
}

function rateLimited(leftMs: number): DomainError {
  const retryAfterSeconds = Math.ceil(leftMs / 1000);
  return new DomainError(
    ErrorCode.RateLimited,
    `too many failed admin authentications; retry in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
