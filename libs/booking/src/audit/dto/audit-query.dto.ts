import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { OptionalField, QueryInteger } from '@app/common';

/** `GET /api/admin/audit` query. */
export class AuditQueryDto {
  @ApiPropertyOptional({
    description: 'cursor: the `next` of the previous page, `<lamportTs>.<nodeId>`',
    example: '1042.3',
  })
  @OptionalField()
  @Matches(/^[0-9]{1,15}\.[0-9]{1,9}$/, {
    message: 'after must be a cursor "<lamportTs>.<nodeId>" from a previous page',
  })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @OptionalField()
  @QueryInteger(1, 1000)
  limit = 100;

  @ApiPropertyOptional({ description: 'only the events of this show' })
  @OptionalField()
  @QueryInteger(1, 2_147_483_647)
  showId?: number;
}
