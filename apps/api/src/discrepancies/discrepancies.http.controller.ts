import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManageDiscrepancies, type DiscrepancyChoice, type Principal } from '@tally/inventory-application';
import { actorOf, CurrentPrincipal } from '../http/auth/auth.decorators';
import { pageOf } from '../http/common/page-query.dto';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import { RequestValidationError } from '../http/validation/request-validation.error';
import { DiscrepancyDto, DiscrepancyPageDto, DiscrepancyQueryDto, ResolveDiscrepancyDto } from './discrepancy.dto';

/** Places where connections disagree, and the operator's decisions on them. */
@ApiTags('discrepancies')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/discrepancies')
export class DiscrepanciesHttpController {
  constructor(private readonly discrepancies: ManageDiscrepancies) {}

  @Get()
  @ApiOperation({ summary: 'List discrepancies (open by default)' })
  @ApiOkResponse({ type: DiscrepancyPageDto })
  @ApiProblems(422)
  list(@CurrentPrincipal() principal: Principal, @Query() query: DiscrepancyQueryDto): Promise<DiscrepancyPageDto> {
    return this.discrepancies.list(principal.tenantId, query.status ?? 'open', pageOf(query), query.itemId ?? null);
  }

  @Get(':discrepancyId')
  @ApiOperation({ summary: 'Get a discrepancy' })
  @ApiOkResponse({ type: DiscrepancyDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('discrepancyId', ResourceIdPipe) id: string): Promise<DiscrepancyDto> {
    return this.discrepancies.get(principal.tenantId, id);
  }

  @Post(':discrepancyId/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve by choosing a connection or entering the quantity; the decision is recorded in the ledger' })
  @ApiOkResponse({ type: DiscrepancyDto })
  @ApiProblems(400, 403, 404, 409, 415, 422, 503)
  resolve(
    @CurrentPrincipal() principal: Principal,
    @Param('discrepancyId', ResourceIdPipe) id: string,
    @Body() body: ResolveDiscrepancyDto,
  ): Promise<DiscrepancyDto> {
    const { connectionId, quantity } = body;
    const choice: DiscrepancyChoice | null =
      connectionId !== undefined && quantity === undefined ? { connectionId } : quantity !== undefined && connectionId === undefined ? { quantity } : null;
    if (!choice) throw new RequestValidationError([{ field: 'body', message: 'give exactly one of connectionId, quantity' }]);
    return this.discrepancies.resolve(principal.tenantId, id, choice, actorOf(principal));
  }
}
