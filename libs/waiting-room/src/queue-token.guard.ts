import { applyDecorators, CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ApiForbiddenResponse, ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { MAX_ID } from '@app/common';
import { TOKEN_HEADER, readCookie, tokenCookie, visitorOf } from './visitor-cookie';
import { WaitingRoomService } from './waiting-room.service';

/**
 * Guards the hold, booking and reservation routes of a queued show: the show id from the path
 * (`:id`) or the body (`showId`), the admission token from the `Queue-Token` header or the
 * `marquee_queue_<showId>` cookie, the customer from the visitor cookie and `customer.email`.
 * A request whose show id does not parse is let through, for validation to refuse (400).
 * @throws QueueTokenRequired / QueueTokenInvalid (403) via {@link WaitingRoomService.check}.
 */
@Injectable()
export class QueueTokenGuard implements CanActivate {
  constructor(private readonly waitingRoom: WaitingRoomService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const body = (request.body ?? {}) as { showId?: unknown; customer?: { email?: unknown } };
    const showId = request.params.id !== undefined ? Number(request.params.id) : body.showId;
    if (typeof showId !== 'number' || !Number.isSafeInteger(showId) || showId < 1 || showId > MAX_ID) return true;
    if (request.params.id !== undefined && String(showId) !== request.params.id) return true;
    const header = request.headers[TOKEN_HEADER];
    const token = typeof header === 'string' ? header : readCookie(request, tokenCookie(showId));
    const email = typeof body.customer?.email === 'string' ? body.customer.email : undefined;
    await this.waitingRoom.check(showId, token, visitorOf(request), email);
    return true;
  }
}

/** Documents a route behind {@link QueueTokenGuard}: the optional token header and the 403 answers. */
export const ApiQueueToken = () =>
  applyDecorators(
    ApiHeader({
      name: 'Queue-Token',
      required: false,
      description: 'admission token of the show’s waiting room (or the marquee_queue_<showId> cookie)',
    }),
    ApiForbiddenResponse({
      description: 'QUEUE_TOKEN_REQUIRED / QUEUE_TOKEN_INVALID: the show sells through its waiting room',
    }),
  );
