import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '@app/common';
import { HoldMutexDto, MutexQueryDto } from './dto/mutex.dto';
import { LamportMutex, MutexLogEntry, MutexResourceStatus } from './lamport-mutex.service';
import { NodeIdentity } from './node-identity';

/**
 * `GET /api/cluster/mutex`: the cluster locks as this node sees them (queues, holder) and its
 * enter/exit log; `POST /api/cluster/mutex` (admin): hold a lock for a while — an operator's
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
  @HttpCode(HttpStatus.OK)
  @UseGuards(AdminGuard)
  @ApiBearerAuth('admin')
  @ApiServiceUnavailableResponse({ description: 'CLUSTER_LOCK_TIMEOUT: not granted within CLUSTER_LOCK_TIMEOUT_MS' })
  @ApiOperation({ summary: 'Take the cluster lock `resource`, hold it `holdMs`, release it; answers once released' })
  async hold(@Body() body: HoldMutexDto): Promise<{ resource: string; nodeId: number; heldMs: number }> {
    const started = { at: 0 };
    await this.mutex.withLock(body.resource, async () => {
      started.at = performance.now();
      await new Promise((resolve) => setTimeout(resolve, body.holdMs));
    });
    return {
      resource: body.resource,
      nodeId: this.identity.nodeId,
      heldMs: Math.round(performance.now() - started.at),
    };
  }
}
