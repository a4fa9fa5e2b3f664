import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, ValidateIf } from 'class-validator';

/** Body of `POST /api/admin/showtimes/import` (may be empty); unknown fields are refused (400). */
export class StartShowtimesImportDto {
  @ApiPropertyOptional({ description: 'who asks, for the logs', enum: ['admin', 'cli'], default: 'admin' })
  // Absent means the default; null is a mistyped value, refused like any other.
  @ValidateIf((_body, value) => value !== undefined)
  @IsIn(['admin', 'cli'])
  origin?: 'admin' | 'cli';
}
