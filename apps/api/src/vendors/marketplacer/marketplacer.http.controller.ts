import type { VendorAnswer } from '@tally/vendor-kit';
import { Body, Controller, Delete, Get, HttpCode, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { MarketplacerInventoriesHandler, type MarketplacerRequest } from '@tally/vendor-marketplacer';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../http/auth/auth.decorators';
import { connectionSeenBy } from '../../logging/request-log.facts';
import { INVENTORY_DOCUMENT_SCHEMA, ERRORS_DOCUMENT_SCHEMA, INVENTORIES_ANSWER_SCHEMA, MEMBERSHIPS_ANSWER_SCHEMA } from './marketplacer-openapi.schemas';

/**
 * Marketplacer Seller API v2: a multi-store variant's inventories, one per seller, and the
 * multi-store's sellers. Authenticated with the connection's API key, not a Tally API key.
 */
@ApiTags('marketplacer')
@ApiHeader({ name: 'Authorization', required: false, description: '`Bearer <API key>`: the connection token `<credentialId>.<secret>`.' })
@ApiHeader({ name: 'MARKETPLACER-API-KEY', required: false, description: 'The API key, where HTTP Basic authentication takes `Authorization`.' })
@ApiResponse({ status: 401, description: 'No valid API key.', schema: ERRORS_DOCUMENT_SCHEMA })
@ApiResponse({ status: 403, description: 'The seller may not do this.', schema: ERRORS_DOCUMENT_SCHEMA })
@ApiResponse({ status: 404, description: 'Unknown variant or inventory.', schema: ERRORS_DOCUMENT_SCHEMA })
@ApiResponse({ status: 429, description: 'More than 50 requests in a second with one key; see Retry-After.', schema: ERRORS_DOCUMENT_SCHEMA })
@Public()
@Controller('marketplacer/api/v2/client')
export class MarketplacerHttpController {
  constructor(private readonly handler: MarketplacerInventoriesHandler) {}

  @Get('variants/:variantId/inventories')
  @ApiOperation({ summary: "List a variant's inventories, one per seller of the multi-store" })
  @ApiParam({ name: 'variantId', description: 'The Marketplacer variant id, an external id of the multi-store owner connection.' })
  @ApiResponse({ status: 200, description: 'application/vnd.api+json', schema: INVENTORIES_ANSWER_SCHEMA })
  @ApiQuery({ name: 'page[number]', required: false, type: Number, description: 'From 1.' })
  @ApiQuery({ name: 'page[size]', required: false, type: Number, description: 'From 1 to 100; default 100.' })
  @ApiResponse({ status: 400, description: 'A bad page parameter.', schema: ERRORS_DOCUMENT_SCHEMA })
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.handler.listInventories(requestOf(request)));
  }

  @Put('variants/:variantId/inventories')
  @HttpCode(200)
  @ApiOperation({
    summary: "Upsert a variant's inventories",
    description: 'The owner upserts the sellers it names and leaves the others unchanged; a member writes its own record from the last element.',
  })
  @ApiParam({ name: 'variantId' })
  @ApiBody({ schema: INVENTORY_DOCUMENT_SCHEMA, description: 'application/vnd.api+json (application/json accepted)' })
  @ApiResponse({ status: 200, description: "All of the variant's inventories.", schema: INVENTORIES_ANSWER_SCHEMA })
  @ApiResponse({
    status: 202,
    description: 'Some inventories were kept as observations, not applied (their seller locations follow another connection): `meta.not_applied[]` names them.',
    schema: INVENTORIES_ANSWER_SCHEMA,
  })
  @ApiResponse({ status: 422, description: 'An invalid document: each error names its source.pointer.', schema: ERRORS_DOCUMENT_SCHEMA })
  async put(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.handler.putInventories({ ...requestOf(request), body }));
  }

  @Delete('variants/:variantId/inventories/:inventoryId')
  @ApiOperation({ summary: "Delete a seller's inventory: afterwards it has none, which is not zero" })
  @ApiParam({ name: 'variantId' })
  @ApiParam({ name: 'inventoryId', description: 'The inventory id, which is its seller id.' })
  @ApiResponse({ status: 204, description: 'Deleted.' })
  @ApiResponse({ status: 202, description: 'Kept as an observation, not applied: `meta.not_applied` says why.' })
  async remove(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.handler.deleteInventory(requestOf(request)));
  }

  @Get('multi_store_memberships')
  @ApiOperation({ summary: "The sellers of the caller's multi-store (owner first)" })
  @ApiQuery({ name: 'page[number]', required: false, type: Number, description: 'From 1.' })
  @ApiQuery({ name: 'page[size]', required: false, type: Number, description: 'From 1 to 100; default 100.' })
  @ApiResponse({ status: 200, description: 'application/vnd.api+json', schema: MEMBERSHIPS_ANSWER_SCHEMA })
  async memberships(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.handler.listMemberships(requestOf(request)));
  }
}

function requestOf(request: FastifyRequest): MarketplacerRequest {
  return {
    path: request.url.split('?')[0],
    headers: request.headers,
    params: (request.params ?? {}) as Record<string, string>,
    query: (request.query ?? {}) as Record<string, unknown>,
    seen: connectionSeenBy(request),
  };
}

function send(reply: FastifyReply, answer: VendorAnswer): void {
  reply.status(answer.status).headers({ ...answer.headers });
  if (answer.body === null) reply.send();
  else reply.send(JSON.stringify(answer.body));
}
