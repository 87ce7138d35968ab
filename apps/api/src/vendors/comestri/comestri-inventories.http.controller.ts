import type { VendorAnswer } from '@tally/vendor-kit';
import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ComestriInventoryHandler } from '@tally/vendor-comestri';
import type { FastifyReply } from 'fastify';
import { Public } from '../../http/auth/auth.decorators';
import { connectionSeenBy } from '../../logging/request-log.facts';
import { ComestriErrorDto, ComestriInventoryRecordDto, ComestriInventoryRequestDto } from './comestri-inventory.dto';

const AUTH_HEADER = {
  name: 'Authorization',
  required: true,
  description: 'Token token=<connection token>,email=<user email>; the email is recorded as the actor.',
};

/** Comestri Product Manager API v2 inventories, at Comestri's own paths and in its shapes. */
@ApiTags('comestri')
@ApiHeader(AUTH_HEADER)
@ApiResponse({ status: 401, description: 'Missing or wrong Authorization header; carries WWW-Authenticate.', type: ComestriErrorDto })
@ApiResponse({ status: 422, description: 'Invalid fields, each named.', type: ComestriErrorDto })
@Public()
@Controller('comestri/api/v2/inventories')
export class ComestriInventoriesHttpController {
  constructor(private readonly handler: ComestriInventoryHandler) {}

  @Post()
  @ApiOperation({ summary: 'Create (or update) the inventory record of one product at one inventory source' })
  @ApiBody({ type: ComestriInventoryRequestDto })
  @ApiResponse({ status: 201, description: 'Stored; X-Tally-Update-Status is applied or unchanged.', type: ComestriInventoryRecordDto })
  @ApiResponse({
    status: 200,
    description: 'Stale (older source_system_stock_timestamp): nothing changed; X-Tally-Update-Status: stale.',
    type: ComestriInventoryRecordDto,
  })
  @ApiResponse({
    status: 202,
    description:
      'Kept as this connection’s observation, not applied: the inventory source follows another connection. X-Tally-Update-Status: observed, X-Tally-Update-Warning says why; the body is the record as this connection reported it.',
    type: ComestriInventoryRecordDto,
  })
  @ApiResponse({ status: 403, description: 'The connection may not use this inventory source.', type: ComestriErrorDto })
  @ApiResponse({ status: 404, description: 'Unknown product and the connection rejects unknown items.', type: ComestriErrorDto })
  async create(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return send(reply, await this.handler.create(authorization, body, connectionSeenBy(reply.request)));
  }

  @Get()
  @ApiOperation({ summary: 'List inventory records, filtered; X-Tally-Next-Cursor gives the next page' })
  @ApiQuery({ name: 'inventory_source', required: false })
  @ApiQuery({ name: 'product_id', required: false, type: 'integer' })
  @ApiQuery({ name: 'product_code', required: false })
  @ApiQuery({ name: 'sku', required: false })
  @ApiQuery({ name: 'per_page', required: false, type: 'integer', description: '1 to 100, default 100' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiResponse({ status: 200, type: [ComestriInventoryRecordDto] })
  async list(
    @Headers('authorization') authorization: string | undefined,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return send(reply, await this.handler.list(authorization, (query ?? {}) as Record<string, unknown>, connectionSeenBy(reply.request)));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One inventory record by the id a create answered' })
  @ApiParam({
    name: 'id',
    description: 'The integer id a create or list answered (an <item id>.<inventory source id> string handed out before integer ids still reads)',
  })
  @ApiResponse({ status: 200, type: ComestriInventoryRecordDto })
  @ApiResponse({ status: 404, description: 'No such record for this connection.', type: ComestriErrorDto })
  async get(
    @Headers('authorization') authorization: string | undefined,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return send(reply, await this.handler.get(authorization, id, connectionSeenBy(reply.request)));
  }
}

function send(reply: FastifyReply, answer: VendorAnswer): unknown {
  reply.status(answer.status).headers(answer.headers).type('application/json; charset=utf-8');
  return answer.body;
}
