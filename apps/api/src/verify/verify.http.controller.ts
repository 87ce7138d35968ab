import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { VerifyLedger, type Principal } from '@tally/inventory-application';
import { actorOf, CurrentPrincipal } from '../http/auth/auth.decorators';
import { QueryBoolean } from '../http/common/page-query.dto';
import { ApiProblems } from '../http/common/problem-details.dto';
import { IsOmittable } from '../http/validation/optional.decorators';

/** `?repair=true` restores drifted levels from the ledger. */
export class VerifyQueryDto {
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOmittable()
  @QueryBoolean()
  @IsBoolean()
  repair?: boolean;
}

/** One place whose level does not match its ledger. */
export class DriftDto {
  @ApiProperty() itemId!: string;
  @ApiProperty() locationId!: string;
  @ApiProperty({ enum: ['missing_level', 'missing_ledger', 'content', 'version'] }) kind!: string;
  @ApiProperty({ type: 'integer', nullable: true }) levelVersion!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) ledgerVersion!: number | null;
}

/** What a verification found and, with repair, fixed. */
export class VerificationReportDto {
  @ApiProperty({ type: 'integer' }) checked!: number;
  @ApiProperty({ type: [DriftDto] }) drifts!: readonly DriftDto[];
  @ApiProperty({ type: 'integer' }) repaired!: number;
}

/** Checks every level against its ledger. */
@ApiTags('verify')
@ApiBearerAuth()
@ApiProblems(401, 403, 422)
@Controller('api/v1/verify')
export class VerifyHttpController {
  constructor(private readonly verifier: VerifyLedger) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Report drift between levels and the ledger; with ?repair=true restore what the ledger says (recorded as repairs)' })
  @ApiOkResponse({ type: VerificationReportDto })
  verify(@CurrentPrincipal() principal: Principal, @Query() query: VerifyQueryDto): Promise<VerificationReportDto> {
    return this.verifier.verify(principal.tenantId, { repair: query.repair ?? false, actor: actorOf(principal) });
  }
}
