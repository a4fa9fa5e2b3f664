import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '@app/common';
import { AuditComparison, AuditLogService, AuditPage } from './audit-log.service';
import { AuditCompareDto, AuditQueryDto } from './dto/audit-query.dto';

/** Admin: the cluster's bookings and cancellations in their total (Lamport timestamp, node id) order. */
@AdminController('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @ApiOperation({
    summary:
      'Bookings and cancellations ordered by (lamportTs, nodeId), a page at a time (`next` is the cursor of the following page)',
  })
  @ApiOkResponse({
    description: '{ events[{ id, type, lamportTs, nodeId, code, showId, seatCount, at, vector }], next }',
  })
  list(@Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.page(query);
  }

  @Get('compare')
  @ApiOperation({
    summary:
      'Two writes side by side: happened-before or concurrent (vector clocks) and their place in the total (lamportTs, nodeId) order',
  })
  @ApiOkResponse({
    description: '{ a, b, causal: before | after | concurrent | equal | unknown, totalOrder: a-first | b-first }',
  })
  compare(@Query() query: AuditCompareDto): Promise<AuditComparison> {
    return this.audit.compare(query.a, query.b);
  }
}
