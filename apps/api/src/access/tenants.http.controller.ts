import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManageAccess } from '@tally/inventory-application';
import { OperatorOnly } from '../http/auth/auth.decorators';
import { NoStore } from '../http/common/no-store.decorator';
import { ApiProblems } from '../http/common/problem-details.dto';
import { CreatedTenantDto, CreateTenantDto } from './tenant.dto';

/** Tenants: the operator key (ADR 0045) opens further, fully separate, tenants; a tenant's admin key may not. */
@ApiTags('tenants')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 415, 422)
@Controller('api/v1/tenants')
export class TenantsHttpController {
  constructor(private readonly access: ManageAccess) {}

  @Post()
  @NoStore()
  @OperatorOnly()
  @ApiOperation({
    summary: 'Create a tenant and its first admin key (shown once); it sees nothing of other tenants',
    description: "Operator keys only: a tenant's admin key is refused with 403 `AUTH.OPERATOR_REQUIRED`.",
  })
  @ApiCreatedResponse({ type: CreatedTenantDto })
  create(@Body() body: CreateTenantDto): Promise<CreatedTenantDto> {
    return this.access.createTenant(body.name);
  }
}
