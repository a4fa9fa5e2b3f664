import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalField, QueryInteger } from '@app/common';

/** `GET /api/admin/screens?theaterId=`. */
export class ScreenQueryDto {
  @ApiPropertyOptional({ example: 1 })
  @OptionalField()
  @QueryInteger(1, 2_147_483_647)
  theaterId?: number;
}
