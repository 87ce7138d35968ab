import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../http/common/page-query.dto';
import { IsWholeNumber } from '../http/validation/whole-number.validator';
import { IsOmittable } from '../http/validation/optional.decorators';
import { MAX_QUANTITY } from '../stock/stock-line.dto';

const STATUSES = ['open', 'resolved', 'all'] as const;

/** Filters of the discrepancy list. */
export class DiscrepancyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, default: 'open' })
  @IsOmittable()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ description: 'Only the discrepancies of this item (its id).' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  itemId?: string;
}

/** An operator's decision: follow one connection's report, or enter the on-hand quantity. */
export class ResolveDiscrepancyDto {
  @ApiPropertyOptional({ description: 'Follow this connection’s observation.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  connectionId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: -MAX_QUANTITY, maximum: MAX_QUANTITY, description: 'Enter the on-hand quantity.' })
  @IsOmittable()
  @IsWholeNumber(-MAX_QUANTITY, MAX_QUANTITY)
  quantity?: number;
}

/** What one connection says about the place. */
export class DiscrepancyClaimDto {
  @ApiProperty() connectionId!: string;
  @ApiProperty({ type: 'integer', nullable: true }) quantity!: number | null;
  @ApiProperty({ type: String, nullable: true }) sourceTimestamp!: string | null;
}

/** How a discrepancy ended. */
export class DiscrepancyResolutionDto {
  @ApiProperty({ enum: ['agreed', 'chose_source', 'entered_value', 'merged'] }) kind!: string;
  @ApiPropertyOptional() connectionId?: string;
  @ApiPropertyOptional({ description: 'For `merged`: the item this one was merged into, which keeps its own discrepancy of the place.' })
  into?: string;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description:
      "For `entered_value`: the quantity entered. For `chose_source`: the chosen claim's quantity (null when it reported the place absent or no quantity; missing on resolutions recorded before it was kept).",
  })
  quantity?: number | null;
  @ApiPropertyOptional() actor?: string;
}

/** Current observations of one place that disagree. */
export class DiscrepancyDto {
  @ApiProperty() id!: string;
  @ApiProperty() itemId!: string;
  @ApiProperty() locationId!: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: 'open' | 'resolved';
  @ApiProperty({ type: [DiscrepancyClaimDto] }) claims!: readonly DiscrepancyClaimDto[];
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ type: DiscrepancyResolutionDto, nullable: true }) resolution!: DiscrepancyResolutionDto | null;
}

/** One page of discrepancies. */
export class DiscrepancyPageDto {
  @ApiProperty({ type: [DiscrepancyDto] }) items!: readonly DiscrepancyDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
