import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { BackorderPolicy, QuantityKind, Restriction } from '@tally/inventory-domain';
import { CURRENCY_PATTERN, DECIMAL_PATTERN, STOCK_LINE_LIMITS as L } from '@tally/inventory-application';
import { IsBoundedRecord } from '../http/validation/bounded-record.validator';
import { IsWholeNumber } from '../http/validation/whole-number.validator';
import { IsNullable, IsOmittable } from '../http/validation/optional.decorators';
import { BACKORDER_POLICIES, RESTRICTIONS } from './stock-level.dto';

/** Largest quantity a write may carry (the limits are shared with stock files). */
export const MAX_QUANTITY = L.maxQuantity;
const FIGURES: QuantityKind[] = ['on_hand', 'available'];
const DECIMAL = DECIMAL_PATTERN;

/**
 * Names an item: by `itemId` alone, or by one or more identifiers that must all name the same
 * item (identifiers it does not hold yet are attached to it).
 */
export class ItemRefDto {
  @ApiPropertyOptional({ description: 'Tally item id.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(L.maxItemIdLength)
  itemId?: string;

  @ApiPropertyOptional({ maxLength: L.maxIdentifierLength })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(L.maxIdentifierLength)
  sku?: string;

  @ApiPropertyOptional({ description: 'Any GTIN form (UPC-A/E, EAN-8/13, GTIN-14, ISBN); normalized, check digit verified.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(L.maxGtinLength)
  gtin?: string;

  @ApiPropertyOptional({ maxLength: L.maxIdentifierLength })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(L.maxIdentifierLength)
  partNumber?: string;

  @ApiPropertyOptional({ maxLength: L.maxIdentifierLength, description: 'A connection-scoped id; needs connectionId.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(L.maxIdentifierLength)
  externalId?: string;

  @ApiPropertyOptional({ description: 'The connection an externalId belongs to.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  connectionId?: string;

  @ApiPropertyOptional({ maxLength: L.maxItemNameLength, description: 'Name given to the item if this write creates it.' })
  @IsOmittable()
  @IsString()
  @MaxLength(L.maxItemNameLength)
  name?: string;
}

/** Names a location by exactly one of its code or its id. */
export class LocationRefDto {
  @ApiPropertyOptional({ maxLength: L.maxIdentifierLength, example: 'WH-1' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(L.maxIdentifierLength)
  code?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  locationId?: string;
}

/** The place a write targets, and the source time of its figures. */
export class LineTargetDto {
  @ApiProperty({ type: ItemRefDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ItemRefDto)
  item!: ItemRefDto;

  @ApiProperty({ type: LocationRefDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationRefDto)
  location!: LocationRefDto;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', description: 'When the figures were true; older than the last applied is stale.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  sourceTimestamp?: string | null;
}

/** Stock on its way. */
export class IncomingInputDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_QUANTITY })
  @IsWholeNumber(0, MAX_QUANTITY)
  quantity!: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  expectedAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: L.maxIncomingReferenceLength })
  @IsOptional()
  @IsString()
  @MaxLength(L.maxIncomingReferenceLength)
  reference?: string | null;
}

const quantity = (description: string, nullable: boolean, min = 0) =>
  ApiPropertyOptional({ type: 'integer', nullable, minimum: min, maximum: MAX_QUANTITY, description });

/** Absolute write: the named fields take the given values, the others keep theirs. */
export class SetFieldsDto extends LineTargetDto {
  @quantity('On hand.', true, -MAX_QUANTITY)
  @IsOptional()
  @IsWholeNumber(-MAX_QUANTITY, MAX_QUANTITY)
  onHand?: number | null;
  @quantity('Available as reported (already net of reservations).', true, -MAX_QUANTITY)
  @IsOptional()
  @IsWholeNumber(-MAX_QUANTITY, MAX_QUANTITY)
  availableReported?: number | null;
  @quantity('Reserved.', false)
  @IsOmittable()
  @IsWholeNumber(0, MAX_QUANTITY)
  reserved?: number;
  @quantity('On back order.', false)
  @IsOmittable()
  @IsWholeNumber(0, MAX_QUANTITY)
  backorder?: number;
  @quantity('Safety stock.', false)
  @IsOmittable()
  @IsWholeNumber(0, MAX_QUANTITY)
  safetyStock?: number;
  @quantity('Floor.', false)
  @IsOmittable()
  @IsWholeNumber(0, MAX_QUANTITY)
  floor?: number;
  @quantity('At or below this, out of stock.', false)
  @IsOmittable()
  @IsWholeNumber(0, MAX_QUANTITY)
  outOfStockThreshold?: number;
  @quantity('At or below this, low stock.', true)
  @IsOptional()
  @IsWholeNumber(0, MAX_QUANTITY)
  lowStockThreshold?: number | null;

  @ApiPropertyOptional({ description: 'Never sells out.' })
  @IsOmittable()
  @IsBoolean()
  infinite?: boolean;
  @ApiPropertyOptional({ enum: RESTRICTIONS })
  @IsOmittable()
  @IsIn(RESTRICTIONS)
  restriction?: Restriction;
  @ApiPropertyOptional({ enum: BACKORDER_POLICIES })
  @IsOmittable()
  @IsIn(BACKORDER_POLICIES)
  backorderPolicy?: BackorderPolicy;

  @ApiPropertyOptional({ type: [IncomingInputDto], maxItems: L.maxIncoming })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(L.maxIncoming)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => IncomingInputDto)
  incoming?: IncomingInputDto[];

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: L.maxDays })
  @IsOptional()
  @IsWholeNumber(0, L.maxDays)
  leadTimeDays?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: L.maxDays })
  @IsOptional()
  @IsWholeNumber(0, L.maxDays)
  dispatchTimeDays?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '19.99', pattern: DECIMAL.source })
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, { message: 'price must be a decimal string like "19.99"' })
  price?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, pattern: DECIMAL.source })
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, { message: 'salePrice must be a decimal string like "19.99"' })
  salePrice?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, pattern: DECIMAL.source })
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, { message: 'unitCost must be a decimal string like "19.99"' })
  unitCost?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'USD', pattern: CURRENCY_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code like "USD"' })
  currency?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: L.maxBinIdLength })
  @IsOptional()
  @IsString()
  @MaxLength(L.maxBinIdLength)
  binId?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Up to 63 attributes; added or updated, never dropped.' })
  @IsOmittable()
  @IsBoundedRecord({ maxKeys: L.maxAttributes, maxKeyLength: L.maxAttributeKeyLength, maxStringValueLength: L.maxAttributeValueLength })
  attributes?: Record<string, string>;
}

/** Delta write on one figure. */
export class AdjustFieldsDto extends LineTargetDto {
  @ApiProperty({ type: 'integer', minimum: -MAX_QUANTITY, maximum: MAX_QUANTITY })
  @IsWholeNumber(-MAX_QUANTITY, MAX_QUANTITY)
  delta!: number;

  @ApiPropertyOptional({ enum: FIGURES, default: 'on_hand' })
  @IsOmittable()
  @IsIn(FIGURES)
  figure?: QuantityKind;

  @ApiPropertyOptional({ default: false, description: 'Allow the figure to go below zero.' })
  @IsOmittable()
  @IsBoolean()
  allowNegative?: boolean;
}

/** Applies only when the figure currently equals `expected`; otherwise 409 with the current value. */
export class CompareAndSetFieldsDto extends LineTargetDto {
  @ApiPropertyOptional({ enum: FIGURES, default: 'on_hand' })
  @IsOmittable()
  @IsIn(FIGURES)
  figure?: QuantityKind;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The value expected now; null: no record yet.' })
  @IsNullable()
  @IsWholeNumber(-MAX_QUANTITY, MAX_QUANTITY)
  expected!: number | null;

  @ApiProperty({ type: 'integer', minimum: -MAX_QUANTITY, maximum: MAX_QUANTITY })
  @IsWholeNumber(-MAX_QUANTITY, MAX_QUANTITY)
  value!: number;
}

/** Removes the record; afterwards there is no level, which differs from zero. */
export class RemoveFieldsDto extends LineTargetDto {}
