import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManageConnections, ManageSources, type Principal } from '@tally/inventory-application';
import { SourceSwitchDto } from '../catalog/location.dto';
import { actorOf, CurrentPrincipal } from '../http/auth/auth.decorators';
import { NoStore } from '../http/common/no-store.decorator';
import { ApiProblems } from '../http/common/problem-details.dto';
import { definedOnly } from '../http/common/defined-only.util';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import { ConnectionDto, ConnectionListDto, ConnectionSettingsInputDto, ConnectionWithCredentialsDto, CreateConnectionDto, HandOverDto } from './connection.dto';

/** Connections of the tenant to vendor dialects. */
@ApiTags('connections')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/connections')
export class ConnectionsHttpController {
  constructor(
    private readonly connections: ManageConnections,
    private readonly sources: ManageSources,
  ) {}

  @Post()
  @NoStore()
  @ApiOperation({ summary: 'Create a connection; its credentials are in this answer only' })
  @ApiCreatedResponse({ type: ConnectionWithCredentialsDto })
  @ApiProblems(400, 403, 415, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateConnectionDto): Promise<ConnectionWithCredentialsDto> {
    return this.connections.create(principal.tenantId, {
      dialect: body.dialect,
      name: body.name.trim(),
      settings: body.settings && definedOnly(body.settings),
    });
  }

  @Get()
  @ApiOperation({ summary: 'List the connections (never their secrets)' })
  @ApiOkResponse({ type: ConnectionListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<ConnectionListDto> {
    return { items: await this.connections.list(principal.tenantId) };
  }

  @Get(':connectionId')
  @ApiOperation({ summary: 'Get a connection' })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('connectionId', ResourceIdPipe) id: string): Promise<ConnectionDto> {
    return this.connections.get(principal.tenantId, id);
  }

  @Patch(':connectionId')
  @ApiOperation({ summary: 'Change the settings of a connection' })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiProblems(400, 403, 404, 415, 422)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('connectionId', ResourceIdPipe) id: string,
    @Body() body: ConnectionSettingsInputDto,
  ): Promise<ConnectionDto> {
    return this.connections.updateSettings(principal.tenantId, id, definedOnly(body));
  }

  @Post(':connectionId/rotate')
  @HttpCode(200)
  @NoStore()
  @ApiOperation({
    summary: 'Replace the secret; the old one, and the Kibo and Crux tokens it obtained, stop working at once. The new one is in this answer only',
  })
  @ApiOkResponse({ type: ConnectionWithCredentialsDto })
  @ApiProblems(403, 404, 409)
  rotate(@CurrentPrincipal() principal: Principal, @Param('connectionId', ResourceIdPipe) id: string): Promise<ConnectionWithCredentialsDto> {
    return this.connections.rotate(principal.tenantId, id);
  }

  @Post(':connectionId/hand-over')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hand the locations this connection is the source of over to another connection',
    description:
      'Every location whose single source is this connection, or whose priority list names it, takes `toConnectionId` instead, in one transaction: the levels follow the new source’s current observations at once (a `source_switched` ledger entry each); places it has not reported keep their level until it does.',
  })
  @ApiOkResponse({ type: SourceSwitchDto })
  @ApiProblems(400, 403, 404, 415, 422)
  handOver(@CurrentPrincipal() principal: Principal, @Param('connectionId', ResourceIdPipe) id: string, @Body() body: HandOverDto): Promise<SourceSwitchDto> {
    return this.sources.handOver(principal.tenantId, id, body.toConnectionId, actorOf(principal));
  }

  @Post(':connectionId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a connection; its credentials stop working at once' })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiProblems(403, 404)
  revoke(@CurrentPrincipal() principal: Principal, @Param('connectionId', ResourceIdPipe) id: string): Promise<ConnectionDto> {
    return this.connections.revoke(principal.tenantId, id);
  }
}
