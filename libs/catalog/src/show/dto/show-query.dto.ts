import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsLocalDate } from '../../schedule/dto/is-local-date';

/** `GET /api/admin/shows?date=&movieId=&theaterId=`. */
export class ShowQueryDto {
  @ApiPropertyOptional({
    example: '2030-06-03',
    description: 'local day (CINEMA_TIME_ZONE); default: shows not yet ended',
  })
  @IsOptional()
  @IsLocalDate()
  date?: string;

  @ApiPropertyOptional({ example: 7 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  movieId?: number;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  theaterId?: number;
}
