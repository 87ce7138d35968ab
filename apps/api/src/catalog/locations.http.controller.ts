import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogQueries, ConnectionRepository, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { pageOf, PageQueryDto } from '../http/common/page-query.dto';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import { RequestValidationError } from '../http/validation/request-validation.error';
import { LocationDto, LocationPageDto, SetLocationPolicyDto } from './location.dto';

/** Locations of the tenant and their reconciliation policy. */
@ApiTags('locations')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/locations')
export class LocationsHttpController {
  constructor(
    private readonly catalog: CatalogQueries,
    private readonly connections: ConnectionRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List locations' })
  @ApiOkResponse({ type: LocationPageDto })
  @ApiProblems(422)
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<LocationPageDto> {
    return this.catalog.listLocations(principal.tenantId, pageOf(query));
  }

  @Get(':locationId')
  @ApiOperation({ summary: 'Get a location' })
  @ApiOkResponse({ type: LocationDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('locationId', ResourceIdPipe) id: string): Promise<LocationDto> {
    return this.catalog.getLocation(principal.tenantId, id);
  }

  @Put(':locationId/policy')
  @ApiOperation({ summary: 'Set how the location’s level follows its sources' })
  @ApiOkResponse({ type: LocationDto })
  @ApiProblems(400, 403, 404, 415, 422)
  async setPolicy(
    @CurrentPrincipal() principal: Principal,
    @Param('locationId', ResourceIdPipe) id: string,
    @Body() body: SetLocationPolicyDto,
  ): Promise<LocationDto> {
    const source = body.sourceConnectionId ?? null;
    if (source !== null) {
      if (body.policy !== 'single-source') {
        throw new RequestValidationError([{ field: 'sourceConnectionId', message: 'sourceConnectionId goes only with single-source' }]);
      }
      if (!(await this.connections.get(principal.tenantId, source))) {
        throw new RequestValidationError([{ field: 'sourceConnectionId', message: `no connection ${source}` }]);
      }
    }
    return this.catalog.setLocationPolicy(principal.tenantId, id, body.policy, source);
  }
}
