import { Controller, Get, Logger, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags, OmitType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ManageChannels, type ChannelItemAvailability, type Page, type Principal } from '@tally/inventory-application';
import { STOCK_FILE_FORMATS, writeTableFile, type StockFileFormat, type TableRecord } from '@tally/stock-files';
import type { FastifyReply } from 'fastify';
import { FILE_CONTENT_TYPES, sendFileDownload } from '../files/file-download.reply';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { MAX_PAGE_SIZE } from '../http/common/page-query.dto';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import { IsOmittable } from '../http/validation/optional.decorators';
import { ChannelAvailabilityQueryDto } from './channel.dto';

/** The columns of a channel's availability file, in order; NDJSON records have the same fields. */
export const AVAILABILITY_FILE_COLUMNS = [
  'identifier',
  'name',
  'quantity',
  'sellable',
  'unlimited',
  'changedAt',
  'syncState',
  'sent',
  'sentAt',
  'itemId',
] as const;

/** `?format=&changedSince=` of the export: the list's filter, every page. */
export class ChannelAvailabilityExportQueryDto extends OmitType(ChannelAvailabilityQueryDto, ['limit', 'cursor'] as const) {
  @ApiPropertyOptional({ enum: STOCK_FILE_FORMATS, default: 'csv' })
  @IsOmittable()
  @IsIn(STOCK_FILE_FORMATS)
  format?: StockFileFormat;
}

/** One item's available-to-sell on the channel as a row of the file. */
export function availabilityRecordOf(a: ChannelItemAvailability): TableRecord {
  return {
    identifier: a.identifier,
    name: a.name,
    quantity: a.quantity,
    sellable: a.sellable,
    unlimited: a.unlimited,
    changedAt: a.changedAt,
    syncState: a.sync?.state ?? null,
    sent: a.sync?.sent ?? null,
    sentAt: a.sync?.sentAt ?? null,
    itemId: a.itemId,
  };
}

/** A channel's available-to-sell as a file (docs/channels.md). */
@ApiTags('channels')
@ApiBearerAuth()
@ApiProblems(401, 404, 422)
@Controller('api/v1/channels/:channelId/availability/export')
export class ChannelAvailabilityFileController {
  private readonly logger = new Logger('ChannelAvailabilityExport');

  constructor(private readonly channels: ManageChannels) {}

  @Get()
  @ApiOperation({
    summary: 'Available-to-sell of every item with stock on this channel, computed now, as a CSV or NDJSON file, streamed page by page',
    description: `Columns: ${AVAILABILITY_FILE_COLUMNS.join(', ')}; quantity is empty when unlimited.`,
  })
  @ApiProduces(FILE_CONTENT_TYPES.csv, FILE_CONTENT_TYPES.ndjson)
  @ApiOkResponse({ description: 'The file, sent as it is read (chunked).' })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Param('channelId', ResourceIdPipe) channelId: string,
    @Query() query: ChannelAvailabilityExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const format = query.format ?? 'csv';
    const since = query.changedSince ? new Date(query.changedSince).toISOString() : null;
    const read = (cursor: string | null) => this.channels.availability(principal.tenantId, channelId, since, { limit: MAX_PAGE_SIZE, cursor });
    // The first page before the status: an unknown channel is a 404, not an empty file.
    const first = await read(null);
    sendFileDownload(reply, { name: 'channel-availability', format, logger: this.logger, what: `an availability export of channel ${channelId}` }, (sink) =>
      writeTableFile(sink, format, AVAILABILITY_FILE_COLUMNS, pages(first, read)),
    );
  }
}

async function* pages(
  first: Page<ChannelItemAvailability>,
  read: (cursor: string | null) => Promise<Page<ChannelItemAvailability>>,
): AsyncGenerator<TableRecord[]> {
  let page = first;
  for (;;) {
    yield page.items.map(availabilityRecordOf);
    if (page.nextCursor === null) return;
    page = await read(page.nextCursor);
  }
}
