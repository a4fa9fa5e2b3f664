import { Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminController } from '@app/common';
import { SalesReportQueryDto } from './dto/sales-report-query.dto';
import { salesReportCsv } from './sales-report.csv';
import { SalesReport, SalesReportService } from './sales-report.service';

/** Admin: sales reports (JSON, or CSV with `format=csv`). */
@AdminController('admin/reports')
export class SalesReportController {
  constructor(private readonly reports: SalesReportService) {}

  @Get('sales')
  @ApiOperation({
    summary:
      'Seats sold, capacity, occupancy, revenue by ticket type and check-ins per show, day, film or theater (from a replica)',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      '{ groupBy, from, to, timeZone, currencyCode, ticketTypes[], rows[{ key, label, shows, capacity, seatsSold, occupancy, revenueCents, byType{ name: { tickets, revenueCents } }, checkIns }], totals, truncated }',
  })
  async sales(
    @Query() query: SalesReportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SalesReport | string> {
    const report = await this.reports.report(query.groupBy, query.from, query.to);
    if (query.format !== 'csv') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="sales-by-${report.groupBy}-${report.from}-${report.to}.csv"`,
    );
    return salesReportCsv(report);
  }
}
