import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError, ApplicationErrorCodes, ManageAccess, type Principal } from '@tally/inventory-application';
import { AdminOnly, CurrentPrincipal } from '../http/auth/auth.decorators';
import { NoStore } from '../http/common/no-store.decorator';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ResourceIdPipe } from '../http/common/resource-id.pipe';
import { ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';

/** API keys of the caller's tenant. */
@ApiTags('api-keys')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('api/v1/api-keys')
export class ApiKeysHttpController {
  constructor(private readonly access: ManageAccess) {}

  @Post()
  @NoStore()
  @ApiOperation({ summary: 'Create an API key; its secret is in this answer only' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(400, 415, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    if (body.role === 'operator' && principal.role !== 'operator') {
      throw new ApplicationError(ApplicationErrorCodes.operatorRequired, 'only an operator key may create another operator key', 'role');
    }
    return this.access.createKey(principal.tenantId, body.name.trim(), body.role);
  }

  @Get()
  @AdminOnly()
  @ApiOperation({ summary: 'List the API keys (never their secrets); admin keys only' })
  @ApiOkResponse({ type: ApiKeyListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<ApiKeyListDto> {
    return { items: await this.access.listKeys(principal.tenantId) };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblems(404, 409)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('keyId', ResourceIdPipe) keyId: string): Promise<void> {
    if (keyId === principal.keyId) {
      throw new ApplicationError(ApplicationErrorCodes.conflict, 'a key cannot revoke itself; use another admin key', 'keyId');
    }
    await this.access.revokeKey(principal.tenantId, keyId);
  }
}
