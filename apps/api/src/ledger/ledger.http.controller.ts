import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogQueries, ManageAccess, QueryLedger, type LedgerFilter, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal, keyIdOfActor } from '../http/auth/auth.decorators';
import { definedOnly } from '../http/common/defined-only.util';
import { pageOf } from '../http/common/page-query.dto';
import { ApiProblems } from '../http/common/problem-details.dto';
import { LedgerPageDto, LedgerQueryDto } from './ledger.dto';

/** The audit ledger: one immutable entry per change of a level. */
@ApiTags('ledger')
@ApiBearerAuth()
@ApiProblems(401, 422)
@Controller('api/v1/ledger')
export class LedgerHttpController {
  constructor(
    private readonly ledger: QueryLedger,
    private readonly access: ManageAccess,
    private readonly catalog: CatalogQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Ledger entries, newest first, filtered by item, location, connection, cause and time; cursor paging' })
  @ApiOkResponse({ type: LedgerPageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: LedgerQueryDto): Promise<LedgerPageDto> {
    const { itemId, locationId, connectionId, cause, from, to } = query;
    // Stored times are UTC ISO strings, so bounds given with an offset are normalized first.
    const utc = (time: string | undefined) => (time === undefined ? undefined : new Date(time).toISOString());
    const filter: LedgerFilter = definedOnly({ itemId, locationId, connectionId, cause, from: utc(from), to: utc(to) });
    const page = await this.ledger.list(principal.tenantId, filter, pageOf(query));
    // A tenant has a handful of keys: one read names every key actor of the page.
    const keyed = page.items.some((entry) => keyIdOfActor(entry.actor) !== null);
    const names = keyed ? new Map((await this.access.listKeys(principal.tenantId)).map((key) => [key.id, key.name])) : new Map<string, string>();
    const nameOf = (actor: string) => names.get(keyIdOfActor(actor) ?? '') ?? null;
    // The page's items in one read, so a reader sees a SKU rather than an id, however many items there are.
    const items = await this.catalog.itemsByIds(
      principal.tenantId,
      page.items.map((entry) => entry.itemId),
    );
    const itemOf = (itemId: string) => {
      const item = items.get(itemId);
      return item ? { sku: item.sku, gtin: item.gtin, partNumber: item.partNumber, name: item.name } : null;
    };
    return { ...page, items: page.items.map((entry) => ({ ...entry, actorName: nameOf(entry.actor), item: itemOf(entry.itemId) })) };
  }
}
