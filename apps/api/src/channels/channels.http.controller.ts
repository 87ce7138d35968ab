import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManageChannels, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { ApiProblems } from '../http/common/problem-details.dto';
import { definedOnly } from '../http/common/defined-only.util';
import { PageQueryDto, pageOf } from '../http/common/page-query.dto';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import {
  ChannelAvailabilityPageDto,
  ChannelAvailabilityQueryDto,
  ChannelDeliveryPageDto,
  ChannelDto,
  ChannelItemStateQueryDto,
  ChannelItemSyncPageDto,
  ChannelListDto,
  ChannelOverrideDto,
  ChannelOverrideInputDto,
  ChannelOverridePageDto,
  ChannelSyncDto,
  CreateChannelDto,
  MarkedDto,
  ReplayDto,
  UpdateChannelDto,
} from './channel.dto';

/** Sales channels: where Tally sends each item's available-to-sell (docs/channels.md). */
@ApiTags('channels')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/channels')
export class ChannelsHttpController {
  constructor(private readonly channels: ManageChannels) {}

  @Post()
  @ApiOperation({
    summary: 'Create a channel; every item with stock is sent to it at once',
    description: 'Its credentials are encrypted at rest and never answered back; `credentialFields` lists the names set.',
  })
  @ApiCreatedResponse({ type: ChannelDto })
  @ApiProblems(400, 403, 409, 415, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateChannelDto): Promise<ChannelDto> {
    return this.channels.create(principal.tenantId, {
      ...definedOnly({ ...body, rules: body.rules && definedOnly(body.rules), identifier: body.identifier && definedOnly(body.identifier) }),
      name: body.name,
      dialect: body.dialect,
      baseUrl: body.baseUrl,
      credentials: body.credentials,
    });
  }

  @Get()
  @ApiOperation({ summary: 'List the channels (never their credentials)' })
  @ApiOkResponse({ type: ChannelListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<ChannelListDto> {
    return { items: await this.channels.list(principal.tenantId) };
  }

  @Get(':channelId')
  @ApiOperation({ summary: 'Get a channel' })
  @ApiOkResponse({ type: ChannelDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('channelId', ResourceIdPipe) id: string): Promise<ChannelDto> {
    return this.channels.get(principal.tenantId, id);
  }

  @Patch(':channelId')
  @ApiOperation({
    summary: 'Change a channel',
    description:
      'A change of its locations, rules, identifier, base URL or settings sends every item again. Credentials, when given, replace the old ones whole.',
  })
  @ApiOkResponse({ type: ChannelDto })
  @ApiProblems(400, 403, 404, 409, 415, 422)
  update(@CurrentPrincipal() principal: Principal, @Param('channelId', ResourceIdPipe) id: string, @Body() body: UpdateChannelDto): Promise<ChannelDto> {
    return this.channels.update(
      principal.tenantId,
      id,
      definedOnly({ ...body, rules: body.rules && definedOnly(body.rules), identifier: body.identifier && definedOnly(body.identifier) }),
    );
  }

  @Delete(':channelId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a channel with its overrides, sync state and delivery log' })
  @ApiNoContentResponse()
  @ApiProblems(403, 404)
  async delete(@CurrentPrincipal() principal: Principal, @Param('channelId', ResourceIdPipe) id: string): Promise<void> {
    await this.channels.delete(principal.tenantId, id);
  }

  @Get(':channelId/availability')
  @ApiOperation({ summary: 'Available-to-sell of every item with stock on this channel, computed now, with its sync state' })
  @ApiOkResponse({ type: ChannelAvailabilityPageDto })
  @ApiProblems(400, 404)
  availability(
    @CurrentPrincipal() principal: Principal,
    @Param('channelId', ResourceIdPipe) id: string,
    @Query() query: ChannelAvailabilityQueryDto,
  ): Promise<ChannelAvailabilityPageDto> {
    const since = query.changedSince ? new Date(query.changedSince).toISOString() : null;
    return this.channels.availability(principal.tenantId, id, since, pageOf(query));
  }

  @Get(':channelId/sync')
  @ApiOperation({ summary: 'The channel’s sync: pending, failing, dead and synced items, lag, last success and last error' })
  @ApiOkResponse({ type: ChannelSyncDto })
  @ApiProblems(404)
  async sync(@CurrentPrincipal() principal: Principal, @Param('channelId', ResourceIdPipe) id: string): Promise<ChannelSyncDto> {
    const summary = await this.channels.summary(principal.tenantId, id);
    const lagSeconds = summary.oldestPendingAt === null ? null : Math.max(0, (Date.now() - Date.parse(summary.oldestPendingAt)) / 1000);
    return { ...summary, lagSeconds };
  }

  @Get(':channelId/items')
  @ApiOperation({ summary: 'Items of the channel in one state (dead letters by default), oldest first' })
  @ApiOkResponse({ type: ChannelItemSyncPageDto })
  @ApiProblems(400, 404)
  items(
    @CurrentPrincipal() principal: Principal,
    @Param('channelId', ResourceIdPipe) id: string,
    @Query() query: ChannelItemStateQueryDto,
  ): Promise<ChannelItemSyncPageDto> {
    return this.channels.itemsInState(principal.tenantId, id, query.state ?? 'dead', pageOf(query));
  }

  @Get(':channelId/deliveries')
  @ApiOperation({ summary: 'Sends to the channel, newest first' })
  @ApiOkResponse({ type: ChannelDeliveryPageDto })
  @ApiProblems(400, 404)
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('channelId', ResourceIdPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<ChannelDeliveryPageDto> {
    return this.channels.deliveries(principal.tenantId, id, pageOf(query));
  }

  @Post(':channelId/resync')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send every item with stock again (a full resync)',
    description:
      'Marks every item for sending, whatever the channel was last sent; the dispatcher sends them in batches. Follow the progress at GET …/sync (`pending` falls to 0).',
  })
  @ApiOkResponse({ type: MarkedDto })
  @ApiProblems(403, 404)
  async resync(@CurrentPrincipal() principal: Principal, @Param('channelId', ResourceIdPipe) id: string): Promise<MarkedDto> {
    return { marked: await this.channels.resync(principal.tenantId, id) };
  }

  @Post(':channelId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send dead letters again: the items named, or every dead item and dead feed event' })
  @ApiOkResponse({ type: MarkedDto })
  @ApiProblems(400, 403, 404, 415)
  async replay(@CurrentPrincipal() principal: Principal, @Param('channelId', ResourceIdPipe) id: string, @Body() body: ReplayDto): Promise<MarkedDto> {
    return { marked: await this.channels.replay(principal.tenantId, id, body.itemIds ?? null) };
  }

  @Get(':channelId/overrides')
  @ApiOperation({ summary: 'Items with their own rules on this channel' })
  @ApiOkResponse({ type: ChannelOverridePageDto })
  @ApiProblems(400, 404)
  overrides(
    @CurrentPrincipal() principal: Principal,
    @Param('channelId', ResourceIdPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<ChannelOverridePageDto> {
    return this.channels.overrides(principal.tenantId, id, pageOf(query));
  }

  @Put(':channelId/overrides/:itemId')
  @ApiOperation({ summary: 'Set an item’s own rules, fixed figure or exclusion on this channel; the item is sent again' })
  @ApiOkResponse({ type: ChannelOverrideDto })
  @ApiProblems(400, 403, 404, 415, 422)
  setOverride(
    @CurrentPrincipal() principal: Principal,
    @Param('channelId', ResourceIdPipe) id: string,
    @Param('itemId', ResourceIdPipe) itemId: string,
    @Body() body: ChannelOverrideInputDto,
  ): Promise<ChannelOverrideDto> {
    return this.channels.setOverride(principal.tenantId, id, itemId, {
      rules: body.rules ? definedOnly(body.rules) : {},
      fixed: body.fixed ?? null,
      excluded: body.excluded ?? false,
    });
  }

  @Delete(':channelId/overrides/:itemId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an item’s override; the item follows the channel’s rules again' })
  @ApiNoContentResponse()
  @ApiProblems(403, 404)
  async removeOverride(
    @CurrentPrincipal() principal: Principal,
    @Param('channelId', ResourceIdPipe) id: string,
    @Param('itemId', ResourceIdPipe) itemId: string,
  ): Promise<void> {
    await this.channels.removeOverride(principal.tenantId, id, itemId);
  }
}
