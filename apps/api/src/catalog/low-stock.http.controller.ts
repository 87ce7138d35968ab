import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ItemOverviewQueries, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { ApiProblems } from '../http/common/problem-details.dto';
import { LowStockListDto, LowStockQueryDto } from './low-stock.dto';

/** Places short of stock, for the console's low-stock page (ADR 0062). */
@ApiTags('stock levels')
@ApiBearerAuth()
@ApiProblems(401, 422)
@Controller('api/v1/stock-levels')
export class LowStockHttpController {
  constructor(private readonly overview: ItemOverviewQueries) {}

  @Get('low-stock')
  @ApiOperation({
    summary: 'Places out of stock or at or below their low-stock threshold, out of stock first, then the most units below their threshold',
    description:
      'A place is listed when its level’s availability status is `out_of_stock` or `low_stock` (as in `GET /api/v1/stock-levels`); places sold on back order or pre-order, restricted or unlimited ones are not. The alert is separate: a webhook channel with its `lowStockAt` setting sends an `inventory.low_stock` event for items whose figure on that channel is at or below it.',
  })
  @ApiOkResponse({ type: LowStockListDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: LowStockQueryDto): Promise<LowStockListDto> {
    return this.overview.lowStock(principal.tenantId, query.locationId, query.limit ?? 100);
  }
}
