import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { OptionalField } from '@app/common';

/** How a sales report groups its shows. */
export const REPORT_GROUPS = ['show', 'day', 'film', 'theater'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** `GET /api/admin/reports/sales` query. */
export class SalesReportQueryDto {
  @ApiPropertyOptional({ enum: REPORT_GROUPS, default: 'show' })
  @OptionalField()
  @IsIn(REPORT_GROUPS, { message: `groupBy must be one of ${REPORT_GROUPS.join(', ')}` })
  groupBy: ReportGroup = 'show';

  @ApiPropertyOptional({
    description: 'first local day (CINEMA_TIME_ZONE) of the shows counted, YYYY-MM-DD; default 30 days ago',
    example: '2026-12-01',
  })
  @OptionalField()
  @Matches(/^20[0-9]{2}-[0-9]{2}-[0-9]{2}$/, { message: 'from must be a day YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({
    description: 'last local day of the shows counted (inclusive), YYYY-MM-DD; default 30 days ahead',
    example: '2026-12-31',
  })
  @OptionalField()
  @Matches(/^20[0-9]{2}-[0-9]{2}-[0-9]{2}$/, { message: 'to must be a day YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @OptionalField()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format: 'json' | 'csv' = 'json';
}
