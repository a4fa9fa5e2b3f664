import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { NodeIdentity } from '@app/cluster';

/** `GET /api/health`: 200 `{ status: 'ok', nodeId, uptimeSeconds, info }`, 503 when the database is down. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly node: NodeIdentity,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and database reachability of this node' })
  async check() {
    const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 2_000 })]);
    return {
      ...result,
      nodeId: this.node.nodeId,
      lamport: this.node.clock.now(),
      uptimeSeconds: Math.round((Date.now() - this.node.startedAt.getTime()) / 1000),
    };
  }
}
