import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConnectionActivityRecorder, ItemOverviewQueries, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ActivityDto, ActivityQueryDto, ConnectionsActivityDto, OverviewCountsDto } from './stats.dto';

/** The console overview's figures, computed on the server (ADR 0059). */
@ApiTags('stats')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/stats')
export class StatsHttpController {
  constructor(
    private readonly overview: ItemOverviewQueries,
    private readonly seen: ConnectionActivityRecorder,
  ) {}

  @Get('overview')
  @ApiOperation({ summary: 'Items by status, open discrepancies, connections, jobs and channels of the tenant' })
  @ApiOkResponse({ type: OverviewCountsDto })
  counts(@CurrentPrincipal() principal: Principal): Promise<OverviewCountsDto> {
    return this.overview.counts(principal.tenantId);
  }

  @Get('activity')
  @ApiOperation({ summary: 'Ledger entries per UTC day and source (connection, or the actor of direct writes) over the last `days` days' })
  @ApiOkResponse({ type: ActivityDto })
  @ApiProblems(422)
  async activity(@CurrentPrincipal() principal: Principal, @Query() query: ActivityQueryDto): Promise<ActivityDto> {
    const window = await this.overview.activity(principal.tenantId, query.days ?? 14);
    return { timeZone: 'UTC', ...window };
  }

  @Get('connections')
  @ApiOperation({
    summary:
      'Every connection with its last change, its volume (ledger entries in the last 24 hours and 30 days), when it was last seen, its last error and its errors in 24 hours',
  })
  @ApiOkResponse({ type: ConnectionsActivityDto })
  async connections(@CurrentPrincipal() principal: Principal): Promise<ConnectionsActivityDto> {
    const [volume, seen] = await Promise.all([this.overview.connectionActivity(principal.tenantId), this.seen.activity(principal.tenantId)]);
    const byId = new Map(seen.map((s) => [s.connectionId, s]));
    return {
      from: volume.from,
      connections: volume.connections.map((c) => {
        const s = byId.get(c.connectionId);
        return { ...c, lastSeenAt: s?.lastSeenAt ?? null, lastError: s?.lastError ?? null, errorsLastDay: s?.errorsLastDay ?? 0 };
      }),
    };
  }
}
