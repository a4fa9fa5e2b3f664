import { CanActivate, ExecutionContext, Injectable, Logger, Optional } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppConfigService } from './app-config.service';
import { DomainError, ErrorCode } from './domain.error';
import { AdminAuthLimiter } from './rate-limit/admin-auth-limiter';
import { clientAddress } from './rate-limit/client-address';

/**
 * Admin access: `Authorization: Bearer $ADMIN_TOKEN`. The token is compared in constant time
 * (SHA-256 digests of both sides through `timingSafeEqual`, so neither length nor prefix leaks).
 * When `ADMIN_TOKEN` is unset a random token is made at boot and logged once.
 * Failed attempts are counted per client by {@link AdminAuthLimiter} (when the app has one).
 * @throws DomainError UNAUTHORIZED (401) without a bearer token, FORBIDDEN (403) with a wrong one,
 *   RATE_LIMITED (429) for a client past ADMIN_AUTH_FAILURES_PER_MINUTE.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  private static generated?: string;
  private readonly expected: Buffer;

  constructor(
    config: AppConfigService,
    @Optional() private readonly limiter?: AdminAuthLimiter,
  ) {
    this.expected = adminTokenDigest(config);
  }

  /** The token made when `ADMIN_TOKEN` is unset (same for the process's lifetime). */
  static generatedToken(): string {
    if (!AdminGuard.generated) {
      AdminGuard.generated = randomBytes(18).toString('base64url');
      new Logger('AdminGuard').warn(`ADMIN_TOKEN is not set; this run's admin token is ${AdminGuard.generated}`);
    }
    return AdminGuard.generated;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const client = clientAddress(request);
    this.limiter?.assertAllowed(client);
    const header = request.headers.authorization;
    if (isAdminAuthorization(header, this.expected)) return true;
    await this.limiter?.recordFailure(client);
    if (bearerToken(header) === undefined) {
      throw new DomainError(
        ErrorCode.Unauthorized,
        'admin endpoints need an Authorization: Bearer <ADMIN_TOKEN> header',
      );
    }
    throw new DomainError(ErrorCode.Forbidden, 'the admin token is wrong');
  }
}

/** SHA-256 of the admin token (`ADMIN_TOKEN`, else this run's generated one). */
export function adminTokenDigest(config: AppConfigService): Buffer {
  return digest(config.get('ADMIN_TOKEN') ?? AdminGuard.generatedToken());
}

/**
 * True when `header` (an `Authorization` header) is `Bearer <admin token>`, `expected` being
 * {@link adminTokenDigest}; compared in constant time.
 */
export function isAdminAuthorization(header: unknown, expected: Buffer): boolean {
  const token = bearerToken(header);
  return token !== undefined && timingSafeEqual(digest(token), expected);
}

function bearerToken(header: unknown): string | undefined {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
