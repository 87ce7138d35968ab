import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '../http/validation/optional.decorators';
import { IsWholeNumber } from '../http/validation/whole-number.validator';

/** Largest answer of the low-stock list. */
export const MAX_LOW_STOCK_PLACES = 500;

/** Which places the low-stock list looks at, and how many it answers. */
export class LowStockQueryDto {
  @ApiPropertyOptional({ maxLength: 64, description: 'Only places at this location.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  locationId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LOW_STOCK_PLACES, default: 100, description: 'How many places (the most short first).' })
  @IsOmittable()
  @Type(() => Number)
  @IsWholeNumber(1, MAX_LOW_STOCK_PLACES)
  limit?: number;
}

/** One place (item × location) out of stock or at or below its low-stock threshold. */
export class LowStockPlaceDto {
  @ApiProperty() itemId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first SKU the item holds.' }) sku!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first GTIN-14 the item holds.' }) gtin!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first part number the item holds.' }) partNumber!: string | null;
  @ApiProperty() locationId!: string;
  @ApiProperty({ enum: ['low_stock', 'out_of_stock'], description: 'The level’s availability status.' }) status!: 'low_stock' | 'out_of_stock';
  @ApiProperty({ type: 'integer', nullable: true }) onHand!: number | null;
  @ApiProperty({ type: 'integer' }) reserved!: number;
  @ApiProperty({ type: 'integer', description: 'Sellable units (never negative).' }) sellable!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'What the threshold is compared with: available as reported, else on hand − reserved, less the larger of safety stock and floor (may be negative).',
  })
  headroom!: number;
  @ApiProperty({ type: 'integer', nullable: true }) lowStockThreshold!: number | null;
  @ApiProperty({ type: 'integer' }) outOfStockThreshold!: number;
  @ApiProperty({ type: 'integer', description: 'The low-stock threshold when set, else the out-of-stock threshold.' }) threshold!: number;
  @ApiProperty({ type: 'integer', description: '`threshold − headroom`: units below the threshold (0: exactly at it).' }) shortfall!: number;
  @ApiProperty({ format: 'date-time', description: 'The level’s last change.' }) updatedAt!: string;
}

/** The low-stock list: out-of-stock places first, then by shortfall, largest first. */
export class LowStockListDto {
  @ApiProperty({ type: 'integer', description: 'How many places are low or out of stock in all (the list holds at most `limit`).' }) total!: number;
  @ApiProperty({ type: [LowStockPlaceDto] }) places!: readonly LowStockPlaceDto[];
}
