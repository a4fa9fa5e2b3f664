import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_PRICE_CENTS } from '../../show/show.service';

/** `PUT /api/admin/theaters/:id/prices`: the prices of the theater's imported shows, integer cents. */
export class TheaterPricesDto {
  @ApiProperty({ example: 1200, minimum: 0, maximum: MAX_PRICE_CENTS, description: 'standard and wheelchair seats' })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  priceCents!: number;

  @ApiProperty({ example: 1800, minimum: 0, maximum: MAX_PRICE_CENTS, description: 'premium seats' })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  premiumPriceCents!: number;
}
