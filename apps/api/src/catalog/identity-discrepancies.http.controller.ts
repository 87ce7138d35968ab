import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManageItems, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { pageOf } from '../http/common/page-query.dto';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import { DismissIdentityDiscrepancyDto, IdentityDiscrepancyDto, IdentityDiscrepancyPageDto, IdentityDiscrepancyQueryDto } from './item-identity.dto';

/**
 * Lines whose identifiers named two items: each proposes merging them (`POST
 * /api/v1/items/{id}/merge` closes it as merged) or is dismissed.
 */
@ApiTags('identity-discrepancies')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/identity-discrepancies')
export class IdentityDiscrepanciesHttpController {
  constructor(private readonly items: ManageItems) {}

  @Get()
  @ApiOperation({ summary: 'List identity discrepancies (open by default)' })
  @ApiOkResponse({ type: IdentityDiscrepancyPageDto })
  @ApiProblems(422)
  list(@CurrentPrincipal() principal: Principal, @Query() query: IdentityDiscrepancyQueryDto): Promise<IdentityDiscrepancyPageDto> {
    const status = query.status ?? 'open';
    return this.items.listDiscrepancies(principal.tenantId, status === 'all' ? null : status, pageOf(query));
  }

  @Get(':discrepancyId')
  @ApiOperation({ summary: 'Get an identity discrepancy' })
  @ApiOkResponse({ type: IdentityDiscrepancyDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('discrepancyId', ResourceIdPipe) id: string): Promise<IdentityDiscrepancyDto> {
    return this.items.getDiscrepancy(principal.tenantId, id);
  }

  @Post(':discrepancyId/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismiss: the two items are different products; 409 when it is no longer open' })
  @ApiOkResponse({ type: IdentityDiscrepancyDto })
  @ApiProblems(400, 403, 404, 409, 415, 422)
  dismiss(
    @CurrentPrincipal() principal: Principal,
    @Param('discrepancyId', ResourceIdPipe) id: string,
    @Body() body: DismissIdentityDiscrepancyDto,
  ): Promise<IdentityDiscrepancyDto> {
    return this.items.dismissDiscrepancy(principal.tenantId, id, body.note ?? null);
  }
}
