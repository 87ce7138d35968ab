import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManageConnections, type Principal } from '@tally/inventory-application';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../../http/auth/auth.decorators';
import { ApiProblems } from '../../http/common/problem-details.dto';
import { baseUrlOf } from '../../http/common/base-url.util';
import { definedOnly } from '../../http/common/defined-only.util';
import { NoStore } from '../../http/common/no-store.decorator';
import { CreateRetailopsConnectionDto, RetailopsConnectionDto } from './retailops-connection.dto';

/** Canonical-API side of RetailOPS: creating a connection answers what to paste into RetailOPS. */
@ApiTags('connections')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/retailops/connections')
export class RetailopsConnectionsHttpController {
  constructor(private readonly connections: ManageConnections) {}

  @Post()
  @NoStore()
  @ApiOperation({ summary: 'Create a RetailOPS connection; answers its endpoint URL and integration_auth_token (shown once)' })
  @ApiCreatedResponse({ type: RetailopsConnectionDto })
  @ApiProblems(400, 403, 415, 422)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateRetailopsConnectionDto,
    @Req() request: FastifyRequest,
  ): Promise<RetailopsConnectionDto> {
    const settings = body.settings && definedOnly(body.settings);
    const created = await this.connections.create(principal.tenantId, { dialect: 'retailops', name: body.name.trim(), settings });
    const base = baseUrlOf(request);
    const query = `?connection=${encodeURIComponent(created.credentials.credentialId)}`;
    return {
      ...created,
      retailops: {
        endpointUrl: `${base}/retailops/inventory_push_v1${query}`,
        documentedEndpointUrl: `${base}/retailops/orders${query}`,
        integrationAuthToken: created.credentials.token,
      },
    };
  }
}
