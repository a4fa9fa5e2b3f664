import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsLocalDate } from '../../schedule/dto/is-local-date';
import { OptionalField } from '@app/common';

/** `GET /api/movies?q=&date=`. */
export class MovieQueryDto {
  @ApiPropertyOptional({ example: 'dune', maxLength: 100, description: 'part of the title, any case' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    example: '2030-06-03',
    description: 'only films with a show that local day (each show in the time zone of its theater)',
  })
  @OptionalField()
  @IsLocalDate()
  date?: string;
}
