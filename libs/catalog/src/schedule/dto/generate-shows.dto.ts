import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalField } from '@app/common';

/** `POST /api/admin/shows/generate`. */
export class GenerateShowsDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 31,
    example: 7,
    description: 'local days from today; default SCHEDULE_DAYS',
  })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(31)
  days?: number;

  @ApiPropertyOptional({ example: 1, description: "only this theater's screens; default every screen" })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  theaterId?: number;
}

/** What a generation did. */
export class GenerateResultDto {
  @ApiProperty({ example: 160, description: 'shows made' }) created!: number;
  @ApiProperty({ example: 150, description: 'unsold generated shows deleted to re-plan' }) removed!: number;
  @ApiProperty({ example: 4, description: 'shows in the window that stayed (admin-made, sold or held, started)' })
  kept!: number;
  @ApiProperty({ example: 7 }) days!: number;
}
