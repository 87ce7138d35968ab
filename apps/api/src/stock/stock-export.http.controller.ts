import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ExportStock, type Principal } from '@tally/inventory-application';
import { exportStock, STOCK_FILE_FORMATS, type StockFileFormat } from '@tally/stock-files';
import type { FastifyReply } from 'fastify';
import { FILE_CONTENT_TYPES, sendFileDownload } from '../files/file-download.reply';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { ApiProblems } from '../http/common/problem-details.dto';
import { IsOmittable } from '../http/validation/optional.decorators';

/** The format of an export. */
export class StockExportQueryDto {
  @ApiPropertyOptional({ enum: STOCK_FILE_FORMATS, default: 'csv' })
  @IsOmittable()
  @IsIn(STOCK_FILE_FORMATS)
  format?: StockFileFormat;
}

/** Every level of the tenant as a stock file, streamed: what `tally export` writes and `tally import` reads. */
@ApiTags('stock levels')
@ApiBearerAuth()
@ApiProblems(401, 422)
@Controller('api/v1/stock-levels/export')
export class StockExportHttpController {
  private readonly logger = new Logger('StockExport');

  constructor(private readonly exporter: ExportStock) {}

  @Get()
  @ApiOperation({
    summary: 'Download every present level as a stock file (CSV or NDJSON), streamed item by item',
    description: 'The columns are those of the stock file format (libs/stock-files README); the command line imports it back.',
  })
  @ApiProduces(FILE_CONTENT_TYPES.csv, FILE_CONTENT_TYPES.ndjson)
  @ApiOkResponse({ description: 'The file, sent as it is read (chunked).' })
  export(@CurrentPrincipal() principal: Principal, @Query() query: StockExportQueryDto, @Res() reply: FastifyReply): void {
    const format = query.format ?? 'csv';
    sendFileDownload(reply, { name: 'stock-levels', format, logger: this.logger, what: `a stock export of tenant ${principal.tenantId}` }, (sink) =>
      exportStock(this.exporter, principal.tenantId, format, sink),
    );
  }
}
