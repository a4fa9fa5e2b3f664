import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTooManyRequestsResponse, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '@app/common';
import { HoldMutexDto, MutexQueryDto } from './dto/mutex.dto';
import { LamportMutex, MutexLogEntry, MutexResourceStatus } from './lamport-mutex';
import { NodeIdentity } from './node-identity';

/**
 * `GET /api/cluster/mutex`: the cluster locks as this node sees them (queues, holder) and its
 * enter/exit log; `POST /api/cluster/mutex` (admin): hold a lock for a while, in the background — an operator's
 * way to keep imports and schedule generation from starting during maintenance.
 */
@ApiTags('cluster')
@Controller('cluster/mutex')
export class ClusterLockController {
  constructor(
    private readonly mutex: LamportMutex,
    private readonly identity: NodeIdentity,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Lamport mutual exclusion on this node: each lock's queue in (ts, node) order, and the node's enter/exit log",
  })
  status(@Query() query: MutexQueryDto): { nodeId: number; resources: MutexResourceStatus[]; log: MutexLogEntry[] } {
    return { nodeId: this.identity.nodeId, resources: this.mutex.status(), log: this.mutex.log(query.resource) };
  }

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiTooManyRequestsResponse({
    description: 'LIMIT_REACHED: this node has ADMIN_HOLDS_LIMIT (100) holds asked or held',
  })
  @ApiOperation({
    summary:
      'Ask for the cluster lock `resource` and hold it `holdMs` once granted, in the background (answers at once; ' +
      'the lock shows in GET; a request not granted within CLUSTER_LOCK_TIMEOUT_MS gives up)',
  })
  hold(@Body() body: HoldMutexDto): { resource: string; nodeId: number; requestTs: number; holdMs: number } {
    const request = this.mutex.holdInBackground(body.resource, body.holdMs);
    return { resource: body.resource, nodeId: request.node, requestTs: request.ts, holdMs: body.holdMs };
  }
}
