import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ClockSync, NodeIdentity } from '@app/cluster';

/**
 * `GET /api/health`: 200 `{ status: 'ok' | 'degraded', nodeId, uptimeSeconds, clock, info }` —
 * `degraded` when Berkeley finds this node's clock more than MAX_CLOCK_OFFSET_MS off — and 503
 * when the database is down.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly node: NodeIdentity,
    private readonly clocks: ClockSync,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and database reachability of this node' })
  async check() {
    const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 2_000 })]);
    const clock = this.clocks.status();
    return {
      ...result,
      // A skewed clock decides nothing (holds use the database's), so the node stays in service: flagged, not failed.
      status: clock.flagged && result.status === 'ok' ? 'degraded' : result.status,
      clock: { offsetMs: clock.offsetMs, flagged: clock.flagged, maxOffsetMs: clock.maxOffsetMs },
      nodeId: this.node.nodeId,
      lamport: this.node.clock.now(),
      uptimeSeconds: Math.round((Date.now() - this.node.startedAt.getTime()) / 1000),
    };
  }
}
