import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '@app/common';
import { AuditLogService, AuditPage } from './audit-log.service';
import { AuditQueryDto } from './dto/audit-query.dto';

/** Admin: the cluster's bookings and cancellations in their total (Lamport timestamp, node id) order. */
@AdminController('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @ApiOperation({
    summary:
      'Bookings and cancellations ordered by (lamportTs, nodeId), a page at a time (`next` is the cursor of the following page)',
  })
  @ApiOkResponse({ description: '{ events[{ type, lamportTs, nodeId, code, showId, seatCount, at }], next }' })
  list(@Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.page(query);
  }
}
