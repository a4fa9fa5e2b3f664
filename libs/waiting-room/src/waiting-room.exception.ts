import { DomainError, ErrorCode } from '@app/common';
import type { TokenProblem } from './admission-token';

/** A hold or booking of a queued show without an admission token (403 QUEUE_TOKEN_REQUIRED). */
export class QueueTokenRequired extends DomainError {
  constructor(showId: number) {
    super(
      ErrorCode.QueueTokenRequired,
      `show ${showId} sells through its waiting room: join the queue at /shows/${showId}/queue and book once admitted`,
      { showId, queueUrl: `/shows/${showId}/queue` },
    );
  }
}

const REASONS: Record<TokenProblem, string> = {
  malformed: 'is not an admission token',
  signature: 'has a wrong signature',
  expired: 'has expired (the pick window is over): join the queue again',
  show: 'is for another show',
  customer: 'was issued to another customer (browser or e-mail)',
};

/** An admission token that does not admit this request (403 QUEUE_TOKEN_INVALID), with the reason. */
export class QueueTokenInvalid extends DomainError {
  constructor(showId: number, problem: TokenProblem) {
    super(ErrorCode.QueueTokenInvalid, `the admission token ${REASONS[problem]}`, { showId, reason: problem });
  }
}

/** A client address with MAX_EVENT_STREAMS_PER_CLIENT waiting-room streams open on this node (429). */
export class QueueStreamLimitReached extends DomainError {
  constructor(limit: number) {
    super(ErrorCode.LimitReached, `this client address already has ${limit} open queue streams; close one first`, {
      resource: 'queue-stream',
      per: 'client',
      limit,
    });
  }
}
