import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ItemOverviewQueries, type ItemOverviewQuery, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { definedOnly } from '../http/common/defined-only.util';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ItemOverviewPageDto, ItemOverviewQueryDto } from './item-overview.dto';

/** The console's items table: figures, status, filters, order and paging over the whole tenant (ADR 0059). */
@ApiTags('items')
@ApiBearerAuth()
@ApiProblems(401, 422)
@Controller('api/v1/items')
export class ItemOverviewHttpController {
  constructor(private readonly overview: ItemOverviewQueries) {}

  @Get('overview')
  @ApiOperation({
    summary:
      'Items with on hand, reserved, sellable and status; filters by location, status, connection, channel, open discrepancy and words; sorted; cursor paging',
    description:
      'Figures and status follow the availability rules of `GET /api/v1/items/{itemId}/availability`. `status=low_stock` and `status=out_of_stock` select exactly the items `GET /api/v1/stats/overview` counts as such.',
  })
  @ApiOkResponse({ type: ItemOverviewPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ItemOverviewQueryDto): Promise<ItemOverviewPageDto> {
    const { locationId, status, connectionId, channelId, q } = query;
    const filter: ItemOverviewQuery = {
      ...definedOnly({ locationId, status, connectionId, channelId, q }),
      openDiscrepancy: query.discrepancy === 'open',
      sort: query.sort ?? 'name',
      direction: query.direction ?? 'asc',
    };
    return this.overview.list(principal.tenantId, filter, { limit: query.limit ?? 50, cursor: query.cursor ?? null });
  }
}
