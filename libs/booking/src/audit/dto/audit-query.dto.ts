import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { OptionalField, QueryInteger } from '@app/common';

/** An event id of the audit log: `<lamportTs>.<nodeId>`. */
const EVENT_ID = /^[0-9]{1,15}\.[0-9]{1,9}$/;

/** `GET /api/admin/audit` query. */
export class AuditQueryDto {
  @ApiPropertyOptional({
    description: 'cursor: the `next` of the previous page, `<lamportTs>.<nodeId>`',
    example: '1042.3',
  })
  @OptionalField()
  @Matches(EVENT_ID, {
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

/** `GET /api/admin/audit/compare` query: two writes by their ids (`<lamportTs>.<nodeId>`). */
export class AuditCompareDto {
  @ApiProperty({ description: 'a write: `<lamportTs>.<nodeId>` (an event id of the audit log)', example: '1042.3' })
  @Matches(EVENT_ID, { message: 'a must be an event id "<lamportTs>.<nodeId>"' })
  a!: string;

  @ApiProperty({ description: 'another write, likewise', example: '1043.1' })
  @Matches(EVENT_ID, { message: 'b must be an event id "<lamportTs>.<nodeId>"' })
  b!: string;
}
