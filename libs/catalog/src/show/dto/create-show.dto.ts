import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsZonedDateTime } from './is-zoned-date-time';
import { OptionalField } from '@app/common';

/** `POST /api/admin/shows`. Prices in integer cents. */
export class CreateShowDto {
  @ApiProperty({ example: 7 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  movieId!: number;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  screenId!: number;

  @ApiProperty({
    example: '2030-06-03T18:30:00Z',
    description: 'ISO-8601 with a zone, on a whole minute, in the future',
  })
  @IsZonedDateTime()
  startsAt!: string;

  @ApiProperty({ minimum: 0, maximum: 100_000, example: 1200, description: 'standard seat, cents' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  priceCents!: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100_000,
    example: 1800,
    description: 'premium seat, cents; default priceCents × 1.5',
  })
  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(100_000)
  premiumPriceCents?: number;
}
