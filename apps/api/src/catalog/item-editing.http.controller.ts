import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConnectionRepository, ManageItems, MergeItems, type Principal } from '@tally/inventory-application';
import { actorOf, CurrentPrincipal } from '../http/auth/auth.decorators';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import { RequestValidationError } from '../http/validation/request-validation.error';
import { AddIdentifiersDto, CreateItemDto, MergeItemsDto, MergeResultDto, RemoveIdentifierQueryDto, UpdateItemDto } from './item-identity.dto';
import { identifiersOf } from './item-identifier.mapper';
import { ItemDto } from './item.dto';

/** Items as an operator edits them: create, rename, identifiers, merge (ADR 0029). */
@ApiTags('items')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/items')
export class ItemEditingHttpController {
  constructor(
    private readonly items: ManageItems,
    private readonly merges: MergeItems,
    private readonly connections: ConnectionRepository,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an item with its name, attributes and identifiers (none may belong to another item)' })
  @ApiCreatedResponse({ type: ItemDto })
  @ApiProblems(400, 403, 404, 409, 415, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateItemDto): Promise<ItemDto> {
    const identifiers = await identifiersOf(principal.tenantId, body.identifiers, this.connections);
    return this.items.create(principal.tenantId, { name: body.name ?? null, attributes: body.attributes ?? {}, identifiers });
  }

  @Patch(':itemId')
  @ApiOperation({ summary: 'Change an item’s name and attributes (attributes are replaced whole)' })
  @ApiOkResponse({ type: ItemDto })
  @ApiProblems(400, 403, 404, 415, 422)
  async update(@CurrentPrincipal() principal: Principal, @Param('itemId', ResourceIdPipe) itemId: string, @Body() body: UpdateItemDto): Promise<ItemDto> {
    await this.items.get(principal.tenantId, itemId);
    if (body.name === undefined && body.attributes === undefined) {
      throw new RequestValidationError([{ field: 'body', message: 'give name, attributes or both' }]);
    }
    return this.items.update(principal.tenantId, itemId, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.attributes !== undefined ? { attributes: body.attributes } : {}),
    });
  }

  @Post(':itemId/identifiers')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give an item identifiers; 409 naming the holder when another item holds one (nothing is added then)' })
  @ApiOkResponse({ type: ItemDto })
  @ApiProblems(400, 403, 404, 409, 415, 422)
  async addIdentifiers(
    @CurrentPrincipal() principal: Principal,
    @Param('itemId', ResourceIdPipe) itemId: string,
    @Body() body: AddIdentifiersDto,
  ): Promise<ItemDto> {
    // Another tenant's item, or none, is a 404 whatever the body says.
    await this.items.get(principal.tenantId, itemId);
    const identifiers = await identifiersOf(principal.tenantId, body.identifiers, this.connections);
    return this.items.addIdentifiers(principal.tenantId, itemId, identifiers);
  }

  @Delete(':itemId/identifiers')
  @ApiOperation({ summary: 'Take one identifier from an item (?kind=&value=[&connectionId=])' })
  @ApiOkResponse({ type: ItemDto })
  @ApiProblems(403, 404, 422)
  async removeIdentifier(
    @CurrentPrincipal() principal: Principal,
    @Param('itemId', ResourceIdPipe) itemId: string,
    @Query() query: RemoveIdentifierQueryDto,
  ): Promise<ItemDto> {
    await this.items.get(principal.tenantId, itemId);
    // kind and value are required; checked once the item is known to be the caller's.
    const missing = (['kind', 'value'] as const).filter((name) => query[name] === undefined);
    if (missing.length) throw new RequestValidationError(missing.map((field) => ({ field, message: `${field} is required` })));
    const [identifier] = await identifiersOf(principal.tenantId, [query as Required<RemoveIdentifierQueryDto>], this.connections, '');
    return this.items.removeIdentifier(principal.tenantId, itemId, identifier);
  }

  @Post(':itemId/merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Merge another item into this one',
    description:
      'Levels, observations, identifiers and open discrepancies of the absorbed item move to this one, in one transaction. ' +
      'Where both have a level at a location, the present one wins over an absent one, then the newer source time; ' +
      'a tie keeps this item’s level. The ledger records every place changed with cause `merge`.',
  })
  @ApiOkResponse({ type: MergeResultDto })
  @ApiProblems(400, 403, 404, 415, 422, 503)
  async merge(@CurrentPrincipal() principal: Principal, @Param('itemId', ResourceIdPipe) itemId: string, @Body() body: MergeItemsDto): Promise<MergeResultDto> {
    const report = await this.merges.merge(principal.tenantId, itemId, body.absorbedItemId, actorOf(principal));
    const item = await this.items.get(principal.tenantId, itemId);
    return { item, absorbedItemId: report.absorbedId, levelsWritten: report.levelsWritten };
  }
}
