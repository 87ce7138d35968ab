import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/auth/auth.decorators';
import { PersistenceHandle } from '../platform/persistence.handle';

/** The state of one dependency. */
export class DependencyHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ example: 'sqlite' }) kind!: string;
}

/** Whether the API can serve. */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({ type: DependencyHealthDto }) database!: DependencyHealthDto;
}

/** Liveness and readiness: the database answers or it does not. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthHttpController {
  constructor(private readonly persistence: PersistenceHandle) {}

  @Get()
  @ApiOperation({ summary: 'Health of the API and its database (no API key needed)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database does not answer.' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const ok = await this.persistence.health().then(
      (health) => health.ok,
      () => false,
    );
    reply.status(ok ? 200 : 503).header('cache-control', 'no-store');
    return { status: ok ? 'ok' : 'error', database: { status: ok ? 'up' : 'down', kind: this.persistence.databaseKind } };
  }
}
