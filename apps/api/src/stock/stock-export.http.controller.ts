import { PassThrough } from 'node:stream';
import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ExportStock, type Principal } from '@tally/inventory-application';
import { exportStock, STOCK_FILE_FORMATS, type StockFileFormat } from '@tally/stock-files';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { ApiProblems } from '../http/common/problem-details.dto';
import { IsOmittable } from '../http/validation/optional.decorators';

const CONTENT_TYPES: Readonly<Record<StockFileFormat, string>> = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' };

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
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.ndjson)
  @ApiOkResponse({ description: 'The file, sent as it is read (chunked).' })
  export(@CurrentPrincipal() principal: Principal, @Query() query: StockExportQueryDto, @Res() reply: FastifyReply): void {
    const format = query.format ?? 'csv';
    const body = new PassThrough();
    const day = new Date().toISOString().slice(0, 10);
    void reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="stock-levels-${day}.${format}"`)
      .header('cache-control', 'no-store')
      .send(body);
    exportStock(this.exporter, principal.tenantId, format, body).then(
      () => body.end(),
      // The status is sent already: a failure can only cut the file short, which the client sees.
      (error: unknown) => {
        this.logger.error(`a stock export of tenant ${principal.tenantId} failed: ${(error as Error).message}`);
        body.destroy(error as Error);
      },
    );
  }
}
