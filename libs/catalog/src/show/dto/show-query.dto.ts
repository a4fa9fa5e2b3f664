import { ApiPropertyOptional } from '@nestjs/swagger';

import { IsLocalDate } from '../../schedule/dto/is-local-date';
import { OptionalField, QueryInteger } from '@app/common';

/** `GET /api/admin/shows?date=&movieId=&theaterId=`. */
export class ShowQueryDto {
  @ApiPropertyOptional({
    example: '2030-06-03',
    description: 'local day (each show in the time zone of its theater); default: shows not yet ended',
  })
  @OptionalField()
  @IsLocalDate()
  date?: string;

  @ApiPropertyOptional({ example: 7 })
  @OptionalField()
  @QueryInteger(1, 2_147_483_647)
  movieId?: number;

  @ApiPropertyOptional({ example: 1 })
  @OptionalField()
  @QueryInteger(1, 2_147_483_647)
  theaterId?: number;
}
