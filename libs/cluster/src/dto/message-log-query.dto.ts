import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalField, QueryInteger } from '@app/common';

/** `GET /api/cluster/messages` query. */
export class MessageLogQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @OptionalField()
  @QueryInteger(1, 500)
  limit = 100;
}
