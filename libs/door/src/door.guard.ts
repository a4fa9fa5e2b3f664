import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import {
  AdminAuthLimiter,
  adminTokenDigest,
  AppConfigService,
  clientAddress,
  DomainError,
  ErrorCode,
  isAdminAuthorization,
} from '@app/common';

/**
 * Door staff: `Authorization: Bearer $DOOR_TOKEN`, or the admin token (a manager can work a door).
 * Compared in constant time like the admin guard; failures count towards the same per-client limit.
 * @throws DomainError UNAUTHORIZED (401) without a bearer token, FORBIDDEN (403) with a wrong one,
 *   RATE_LIMITED (429) for a client past ADMIN_AUTH_FAILURES_PER_MINUTE.
 */
@Injectable()
export class DoorGuard implements CanActivate {
  private readonly accepted: Buffer[];

  constructor(
    config: AppConfigService,
    @Optional() private readonly limiter?: AdminAuthLimiter,
  ) {
    const doorToken = config.get('DOOR_TOKEN');
    this.accepted = [adminTokenDigest(config)];
    if (doorToken) this.accepted.push(createHash('sha256').update(doorToken, 'utf8').digest());
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const client = clientAddress(request);
    this.limiter?.assertAllowed(client);
    const header = request.headers.authorization;
    if (this.accepted.some((digest) => isAdminAuthorization(header, digest))) return true;
    await this.limiter?.recordFailure(client);
    if (typeof header !== 'string' || !/^Bearer\s+\S+\s*$/i.test(header))
      throw new DomainError(ErrorCode.Unauthorized, 'the door needs an Authorization: Bearer <DOOR_TOKEN> header');
    throw new DomainError(ErrorCode.Forbidden, 'the door token is wrong');
  }
}
