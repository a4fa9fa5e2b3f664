import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalField } from '@app/common';

/** Body of `POST /api/admin/catalog/import`; unknown fields are refused (400). */
export class StartImportDto {
  @ApiPropertyOptional({
    description: 'now_playing pages to import (20 films each)',
    minimum: 1,
    maximum: 50,
    default: 2,
  })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(50)
  pages?: number;
}

/** Answer of `POST /api/admin/catalog/import` (202). */
export class ImportStartedDto {
  @ApiProperty({
    description: 'id of the import job (a UUID in-process, `catalog.<n>` on BullMQ)',
    example: 'catalog.17',
  })
  jobId!: string;
}

class JobProgressDto {
  @ApiProperty({ description: 'units done (pages + films + the write)' })
  done!: number;

  @ApiProperty({ description: 'units known so far; grows as pages arrive' })
  total!: number;
}

/** Answer of `GET /api/admin/jobs/:id`. */
export class JobStatusDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'import-catalog' })
  name!: string;

  @ApiProperty({ enum: ['waiting', 'delayed', 'active', 'completed', 'failed', 'unknown'] })
  state!: string;

  @ApiProperty({ type: JobProgressDto })
  progress!: JobProgressDto;

  @ApiPropertyOptional({
    description: 'the job result, e.g. an import `{ pages, total, created, updated, skipped }`',
    type: Object,
  })
  result?: unknown;

  @ApiPropertyOptional({ description: 'why the job failed' })
  error?: string;
}
