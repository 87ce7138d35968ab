import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogQueries, ConnectionRepository, ReadInventory, type LookupKind, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { pageOf } from '../http/common/page-query.dto';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import { RequestValidationError } from '../http/validation/request-validation.error';
import { ItemAvailabilityDto } from '../stock/stock-level.dto';
import { requireTenantConnection } from './external-id-connection.util';
import { ItemDetailDto, ItemDto, ItemLookupQueryDto, ItemPageDto, ItemSearchQueryDto } from './item.dto';

const LOOKUP_KINDS: LookupKind[] = ['sku', 'gtin', 'partNumber', 'externalId'];

/** Items of the tenant: search, look-up, detail and availability. */
@ApiTags('items')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/items')
export class ItemsHttpController {
  constructor(
    private readonly catalog: CatalogQueries,
    private readonly inventory: ReadInventory,
    private readonly connections: ConnectionRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List items, or search them with ?q=' })
  @ApiOkResponse({ type: ItemPageDto })
  @ApiProblems(422)
  search(@CurrentPrincipal() principal: Principal, @Query() query: ItemSearchQueryDto): Promise<ItemPageDto> {
    return this.catalog.searchItems(principal.tenantId, query.q ?? null, pageOf(query));
  }

  @Get('lookup')
  @ApiOperation({
    summary: 'Find the item by any of its identifiers: sku, gtin (any GTIN form), partNumber, externalId+connectionId',
    description: 'Several identifiers may be given: they must name the same item (409 INVENTORY.IDENTITY_CONFLICT otherwise).',
  })
  @ApiOkResponse({ type: ItemDto })
  @ApiProblems(404, 409, 422)
  async lookup(@CurrentPrincipal() principal: Principal, @Query() query: ItemLookupQueryDto): Promise<ItemDto> {
    const given = LOOKUP_KINDS.flatMap((kind) => {
      const value = query[kind];
      return value === undefined ? [] : [{ kind, value, ...(kind === 'externalId' ? { connectionId: query.connectionId } : {}) }];
    });
    if (given.length === 0) {
      throw new RequestValidationError([{ field: 'query', message: `give one or more of ${LOOKUP_KINDS.join(', ')}` }]);
    }
    if ((query.connectionId !== undefined) !== (query.externalId !== undefined)) {
      throw new RequestValidationError([{ field: 'connectionId', message: 'connectionId goes with externalId, and only with it' }]);
    }
    if (query.connectionId !== undefined) await requireTenantConnection(this.connections, principal.tenantId, query.connectionId, 'connectionId');
    return this.catalog.lookupItemByAny(principal.tenantId, given);
  }

  @Get(':itemId')
  @ApiOperation({ summary: 'An item with its identifiers, levels, observations and availability' })
  @ApiOkResponse({ type: ItemDetailDto })
  @ApiProblems(404)
  detail(@CurrentPrincipal() principal: Principal, @Param('itemId', ResourceIdPipe) itemId: string): Promise<ItemDetailDto> {
    return this.inventory.itemDetail(principal.tenantId, itemId);
  }

  @Get(':itemId/availability')
  @ApiOperation({ summary: 'What can be sold of an item, per location and in total, with its status' })
  @ApiOkResponse({ type: ItemAvailabilityDto })
  @ApiProblems(404)
  availability(@CurrentPrincipal() principal: Principal, @Param('itemId', ResourceIdPipe) itemId: string): Promise<ItemAvailabilityDto> {
    return this.inventory.itemAvailability(principal.tenantId, itemId);
  }
}
