import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OptionalField } from '@app/common';

/** Body of `POST /api/admin/showtimes/import` (may be empty); unknown fields are refused (400). */
export class StartShowtimesImportDto {
  @ApiPropertyOptional({ description: 'who asks, for the logs', enum: ['admin', 'cli'], default: 'admin' })
  @OptionalField()
  @IsIn(['admin', 'cli'])
  origin?: 'admin' | 'cli';
}
