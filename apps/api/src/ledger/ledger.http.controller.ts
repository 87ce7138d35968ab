import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ApplicationError,
  ApplicationErrorCodes,
  CatalogQueries,
  ManageAccess,
  QueryLedger,
  type Item,
  type LedgerFilter,
  type Principal,
  type StoredLedgerEntry,
} from '@tally/inventory-application';
import { writeTableFile, type TableRecord } from '@tally/stock-files';
import type { FastifyReply } from 'fastify';
import { FILE_CONTENT_TYPES, sendFileDownload } from '../files/file-download.reply';
import { CurrentPrincipal, keyIdOfActor } from '../http/auth/auth.decorators';
import { definedOnly } from '../http/common/defined-only.util';
import { MAX_PAGE_SIZE, pageOf } from '../http/common/page-query.dto';
import { ApiProblems } from '../http/common/problem-details.dto';
import { LEDGER_FILE_COLUMNS, ledgerRecordOf } from './ledger-file.mapper';
import { LedgerExportQueryDto, LedgerPageDto, type LedgerEntryDto, type LedgerFilterQueryDto, LedgerQueryDto } from './ledger.dto';

/** The audit ledger: one immutable entry per change of a level. */
@ApiTags('ledger')
@ApiBearerAuth()
@ApiProblems(401, 422)
@Controller('api/v1/ledger')
export class LedgerHttpController {
  private readonly logger = new Logger('LedgerExport');

  constructor(
    private readonly ledger: QueryLedger,
    private readonly access: ManageAccess,
    private readonly catalog: CatalogQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Ledger entries, newest first, filtered by item, location, connection, cause and time; cursor paging' })
  @ApiOkResponse({ type: LedgerPageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: LedgerQueryDto): Promise<LedgerPageDto> {
    const page = await this.ledger.list(principal.tenantId, filterOf(query), pageOf(query));
    // A tenant has a handful of keys: one read names every key actor of the page.
    const keyed = page.items.some((entry) => keyIdOfActor(entry.actor) !== null);
    const keys = keyed ? await this.keyNames(principal.tenantId) : new Map<string, string>();
    const items = await this.itemsOf(principal.tenantId, page.items);
    return { ...page, items: page.items.map((entry) => namedEntry(entry, keys, items)) };
  }

  @Get('export')
  @ApiOperation({
    summary: 'The ledger entries the same filters select, newest first, as a CSV or NDJSON file, streamed page by page',
    description: `Columns: ${LEDGER_FILE_COLUMNS.join(', ')}. The item's identifiers and the API key's name as the list shows them.`,
  })
  @ApiProduces(FILE_CONTENT_TYPES.csv, FILE_CONTENT_TYPES.ndjson)
  @ApiOkResponse({ description: 'The file, sent as it is read (chunked).' })
  export(@CurrentPrincipal() principal: Principal, @Query() query: LedgerExportQueryDto, @Res() reply: FastifyReply): void {
    const format = query.format ?? 'csv';
    const { tenantId } = principal;
    sendFileDownload(reply, { name: 'ledger', format, logger: this.logger, what: `a ledger export of tenant ${tenantId}` }, (sink) =>
      writeTableFile(sink, format, LEDGER_FILE_COLUMNS, this.records(tenantId, filterOf(query))),
    );
  }

  /** Every entry of the filter, a page at a time, named as the list names them. */
  private async *records(tenantId: string, filter: LedgerFilter): AsyncGenerator<TableRecord[]> {
    const keys = await this.keyNames(tenantId);
    const codes = new Map<string, string | null>();
    let cursor: string | null = null;
    do {
      const page = await this.ledger.list(tenantId, filter, { limit: MAX_PAGE_SIZE, cursor });
      cursor = page.nextCursor;
      const items = await this.itemsOf(tenantId, page.items);
      for (const entry of page.items) if (!codes.has(entry.locationId)) codes.set(entry.locationId, await this.codeOf(tenantId, entry.locationId));
      yield page.items.map((entry) =>
        ledgerRecordOf(entry, {
          item: items.get(entry.itemId),
          locationCode: codes.get(entry.locationId) ?? null,
          actorName: keys.get(keyIdOfActor(entry.actor) ?? '') ?? null,
        }),
      );
    } while (cursor !== null);
  }

  private async keyNames(tenantId: string): Promise<Map<string, string>> {
    return new Map((await this.access.listKeys(tenantId)).map((key) => [key.id, key.name]));
  }

  // The page's items in one read, so a reader sees a SKU rather than an id, however many items there are.
  private itemsOf(tenantId: string, entries: readonly StoredLedgerEntry[]) {
    return this.catalog.itemsByIds(
      tenantId,
      entries.map((entry) => entry.itemId),
    );
  }

  private async codeOf(tenantId: string, locationId: string): Promise<string | null> {
    try {
      return (await this.catalog.getLocation(tenantId, locationId)).code;
    } catch (error) {
      // Locations are never deleted; a missing one leaves the code empty rather than the file cut short.
      if (error instanceof ApplicationError && error.code === ApplicationErrorCodes.notFound) return null;
      throw error;
    }
  }
}

function filterOf(query: LedgerFilterQueryDto): LedgerFilter {
  const { itemId, locationId, connectionId, cause, from, to } = query;
  // Stored times are UTC ISO strings, so bounds given with an offset are normalized first.
  const utc = (time: string | undefined) => (time === undefined ? undefined : new Date(time).toISOString());
  return definedOnly({ itemId, locationId, connectionId, cause, from: utc(from), to: utc(to) });
}

function namedEntry(entry: StoredLedgerEntry, keys: ReadonlyMap<string, string>, items: ReadonlyMap<string, Item>): LedgerEntryDto {
  const item = items.get(entry.itemId);
  return {
    ...entry,
    actorName: keys.get(keyIdOfActor(entry.actor) ?? '') ?? null,
    item: item ? { sku: item.sku, gtin: item.gtin, partNumber: item.partNumber, name: item.name } : null,
  };
}
