import { Controller, HttpCode, HttpException, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError, ImportStock, SubmitStockImport, type ImportReport, type Principal } from '@tally/inventory-application';
import { importStock, readStockLines, STOCK_FILE_FORMATS, type StockFileFormat } from '@tally/stock-files';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, AdminOnly, CurrentPrincipal } from '../http/auth/auth.decorators';
import { ApiProblems } from '../http/common/problem-details.dto';
import { MalformedRequestError } from '../http/problem/malformed-request.error';
import { STOCK_FILE_MEDIA_TYPES } from './stock-import.config';
import { PREVIEW_KEPT_PROBLEMS, StockImportJobDto, StockImportPreviewDto, StockImportQueryDto } from './stock-import.dto';

/**
 * Stock files uploaded to the API (ADR 0060): a dry run answers what the file would do, line by
 * line; otherwise the file becomes a durable import job. The lines are read by the same code as
 * `tally import` (libs/stock-files).
 */
@ApiTags('stock levels')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 413, 415, 422)
@Controller('api/v1/stock-levels/import')
export class StockImportHttpController {
  constructor(
    private readonly importer: ImportStock,
    private readonly imports: SubmitStockImport,
  ) {}

  @Post()
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upload a stock file (CSV or NDJSON): dryRun=true previews it, else it is imported as a job',
    description:
      'The columns are those of `tally import` and the levels export. With dryRun=true every line is checked and reconciled and nothing ' +
      'is written: the answer counts what the import would do and lists the refused lines. Otherwise the file is stored as an IMPORT ' +
      'job before the 202; GET /api/v1/jobs/{jobId} shows its progress and the refused lines by file line number. A CSV header ' +
      'that cannot be used, or a format other than csv or ndjson, is a 400. Body limit: STOCK_IMPORT_BODY_LIMIT (default 32mb).',
  })
  @ApiConsumes(...STOCK_FILE_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: StockImportPreviewDto, description: 'The dry run’s preview.' })
  @ApiAcceptedResponse({ type: StockImportJobDto, description: 'The import job, stored; Location names it.' })
  @ApiProblems(404, 409, 429)
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StockImportQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StockImportPreviewDto | StockImportJobDto> {
    const format = formatOf(query.format, request.headers['content-type']);
    const body = bodyOf(request.body);
    const options = {
      tenantId: principal.tenantId,
      actor: actorOf(principal),
      reference: query.reference ?? null,
      ...(query.connectionId === undefined ? {} : { connectionId: query.connectionId }),
      ...(query.createItems ? { unknownItemPolicy: 'create' as const } : {}),
      ...(query.createLocations ? { createLocationsAs: query.createLocations } : {}),
    };
    if (query.dryRun) {
      const report = await headerChecked(importStock(this.importer, [body], { ...options, format, dryRun: true, keptProblems: PREVIEW_KEPT_PROBLEMS }));
      return previewOf(report);
    }
    let lines = 0;
    let unreadable = 0;
    const counted = async function* (source: ReturnType<typeof readStockLines>) {
      for await (const line of source) {
        lines += 1;
        if ('problem' in line) unreadable += 1;
        yield line;
      }
    };
    const added = await headerChecked(this.imports.submit(counted(readStockLines([body], format)), options));
    void reply.status(202).header('location', `/api/v1/jobs/${added.number}`);
    return { jobId: added.number, status: 'PENDING', lines, unreadable };
  }
}

/** The query's format, else the body's media type's. */
function formatOf(asked: string | undefined, contentType: string | undefined): StockFileFormat {
  if (asked !== undefined) {
    if ((STOCK_FILE_FORMATS as readonly string[]).includes(asked)) return asked as StockFileFormat;
    throw new MalformedRequestError('format', `format must be one of ${STOCK_FILE_FORMATS.join(', ')}`);
  }
  return contentType?.toLowerCase().startsWith('application/x-ndjson') ? 'ndjson' : 'csv';
}

function bodyOf(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  throw new HttpException(`send the file as ${STOCK_FILE_MEDIA_TYPES.join(' or ')}`, 415);
}

/** A header the reader refuses means the file cannot be read at all: 400 naming it. */
async function headerChecked<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApplicationError && error.field === 'header') throw new MalformedRequestError('header', error.message);
    throw error;
  }
}

function previewOf(report: ImportReport): StockImportPreviewDto {
  const { counts } = report;
  const invalid = counts.rejected + counts.stale + counts.conflict;
  return {
    lines: report.linesRead,
    valid: report.linesRead - invalid,
    invalid,
    wouldChange: counts.applied,
    unchanged: counts.unchanged,
    observed: counts.observed,
    itemsCreated: report.itemsCreated,
    problems: report.problems.map(({ lineNo, field, code, message }) => ({ line: lineNo, field, code, message })),
    problemsOmitted: report.problemsOmitted,
  };
}
