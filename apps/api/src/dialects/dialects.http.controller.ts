import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError, ApplicationErrorCodes, ManageConnections, type Principal } from '@tally/inventory-application';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@tally/platform-node';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { baseUrlOf } from '../http/common/base-url.util';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import { describeDialect } from './dialect-description.mapper';
import { DialectCatalog } from './dialect.catalog';
import { DialectConnectGuideDto, DialectDto, DialectListDto } from './dialect.dto';

/** The dialects this server speaks, as they describe themselves, and how to connect a client. */
@ApiTags('dialects')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1')
export class DialectsHttpController {
  constructor(
    private readonly catalog: DialectCatalog,
    private readonly config: AppConfig,
    private readonly connections: ManageConnections,
  ) {}

  @Get('dialects')
  @ApiOperation({ summary: 'List the dialects: routes and their URLs, body limits, credential scheme, connection options, how to connect' })
  @ApiOkResponse({ type: DialectListDto })
  list(@Req() request: FastifyRequest): DialectListDto {
    const baseUrl = baseUrlOf(request);
    return { items: this.catalog.descriptors.map((d) => describeDialect(d, this.catalog, this.config.bodyLimit, { baseUrl })) };
  }

  @Get('dialects/:name')
  @ApiOperation({ summary: 'Describe one dialect' })
  @ApiOkResponse({ type: DialectDto })
  @ApiProblems(404)
  get(@Param('name') name: string, @Req() request: FastifyRequest): DialectDto {
    const descriptor = this.catalog.get(name);
    if (!descriptor) throw new ApplicationError(ApplicationErrorCodes.notFound, `no dialect ${name}; GET /api/v1/dialects lists them`, 'name');
    return describeDialect(descriptor, this.catalog, this.config.bodyLimit, { baseUrl: baseUrlOf(request) });
  }

  @Get('connections/:connectionId/connect-guide')
  @ApiOperation({ summary: "How to point this connection's vendor client at this server, with its URLs (never its secret)" })
  @ApiOkResponse({ type: DialectConnectGuideDto })
  @ApiProblems(404)
  async connectGuide(
    @CurrentPrincipal() principal: Principal,
    @Param('connectionId', ResourceIdPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<DialectConnectGuideDto> {
    const connection = await this.connections.get(principal.tenantId, id);
    const descriptor = this.catalog.get(connection.dialect);
    if (!descriptor) {
      throw new ApplicationError(ApplicationErrorCodes.notFound, `connection ${id} speaks ${connection.dialect}, which this server does not`, 'connectionId');
    }
    const guide = descriptor.connectGuide({ baseUrl: baseUrlOf(request), credentialId: connection.credentialId, options: connection.settings.options });
    return { steps: [...guide.steps], endpoints: guide.endpoints.map((e) => ({ ...e })) };
  }
}
