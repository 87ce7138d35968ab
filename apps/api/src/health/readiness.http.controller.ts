import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '../http/auth/auth.decorators';
import { PersistenceHandle } from '../platform/persistence.handle';

/**
 * Readiness (docs/operations.md, "Health"): whether this process can serve now, for a load
 * balancer or an orchestrator to route to it or not. `/health` stays the liveness probe.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class ReadinessHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly persistence: PersistenceHandle,
  ) {}

  @Get('ready')
  @HealthCheck({ noCache: true })
  @ApiOperation({ summary: 'Readiness: the database answers and the job queue can be read (no API key needed); 503 otherwise' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    reply.header('cache-control', 'no-store');
    try {
      return await this.health.check([() => this.database(), () => this.jobQueue()]);
    } catch (error) {
      // Terminus throws its 503 with the result; the API's error mapping would hide it behind a 500.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async database(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    const health = await this.persistence.health().catch((error: unknown) => ({ ok: false, detail: (error as Error).message }));
    return health.ok
      ? check.up({ kind: this.persistence.databaseKind })
      : check.down({ kind: this.persistence.databaseKind, message: 'the database does not answer' });
  }

  // The queue's unfinished jobs are read as the workers read them: a queue that cannot be read cannot be served.
  private async jobQueue(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('jobs');
    try {
      const { jobs } = await this.persistence.operationalFigures.read();
      return check.up({ pending: jobs.find((j) => j.state === 'PENDING')?.count ?? 0 });
    } catch {
      return check.down({ message: 'the job queue cannot be read' });
    }
  }
}
