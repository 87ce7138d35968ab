import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogQueries, ManageSources, type Principal } from '@tally/inventory-application';
import { actorOf, CurrentPrincipal } from '../http/auth/auth.decorators';
import { pageOf, PageQueryDto } from '../http/common/page-query.dto';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import { RequestValidationError } from '../http/validation/request-validation.error';
import { LocationDto, LocationPageDto, LocationPolicyChangeDto, SetLocationPolicyDto } from './location.dto';

/** Locations of the tenant and their reconciliation policy. */
@ApiTags('locations')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/locations')
export class LocationsHttpController {
  constructor(
    private readonly catalog: CatalogQueries,
    private readonly sources: ManageSources,
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
  @ApiOkResponse({ type: LocationPolicyChangeDto })
  @ApiProblems(400, 403, 404, 415, 422)
  async setPolicy(
    @CurrentPrincipal() principal: Principal,
    @Param('locationId', ResourceIdPipe) id: string,
    @Body() body: SetLocationPolicyDto,
  ): Promise<LocationPolicyChangeDto> {
    const source = body.sourceConnectionId ?? null;
    const order = body.priorityConnectionIds ?? [];
    if (source !== null && body.policy !== 'single-source') {
      throw new RequestValidationError([{ field: 'sourceConnectionId', message: 'sourceConnectionId goes only with single-source' }]);
    }
    if (order.length > 0 && body.policy !== 'priority') {
      throw new RequestValidationError([{ field: 'priorityConnectionIds', message: 'priorityConnectionIds goes only with priority' }]);
    }
    if (new Set(order).size !== order.length) {
      throw new RequestValidationError([{ field: 'priorityConnectionIds', message: 'names a connection twice' }]);
    }
    const settings = { policy: body.policy, sourceConnectionId: source, priorityConnectionIds: order };
    const { location, report } = await this.sources.setLocationPolicy(principal.tenantId, id, settings, actorOf(principal));
    return { ...location, switched: report };
  }
}
