import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../http/common/page-query.dto';
import { IsOmittable } from '../http/validation/optional.decorators';
import { ItemAvailabilityDto, ObservationDto, StockLevelDto } from '../stock/stock-level.dto';

/** The identifier kinds of the API (ADR 0029). */
export const IDENTIFIER_KINDS = ['sku', 'gtin', 'partNumber', 'external'] as const;

/** One identifier an item holds. */
export class HeldIdentifierDto {
  @ApiProperty({ enum: IDENTIFIER_KINDS }) kind!: string;
  @ApiProperty({ description: 'A `gtin` is a checked GTIN-14.' }) value!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The connection of an `external` id.' }) connectionId!: string | null;
}

/** A sellable variant. `sku`, `gtin` and `partNumber` show the first identifier of that kind; `identifiers` lists all. */
export class ItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ type: String, nullable: true }) sku!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Checked GTIN-14.' }) gtin!: string | null;
  @ApiProperty({ type: String, nullable: true }) partNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [HeldIdentifierDto], description: 'Every identifier the item holds.' }) identifiers?: readonly HeldIdentifierDto[];
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes?: Readonly<Record<string, unknown>>;
}

/** One page of items. */
export class ItemPageDto {
  @ApiProperty({ type: [ItemDto] }) items!: readonly ItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** A connection-scoped external id. */
export class ExternalIdDto {
  @ApiProperty() connectionId!: string;
  @ApiProperty() externalId!: string;
}

/** Everything about one item. */
export class ItemDetailDto {
  @ApiProperty({ type: ItemDto }) item!: ItemDto;
  @ApiProperty({ type: [ExternalIdDto] }) externalIds!: readonly ExternalIdDto[];
  @ApiProperty({ type: [StockLevelDto] }) levels!: readonly StockLevelDto[];
  @ApiProperty({ type: [ObservationDto] }) observations!: readonly ObservationDto[];
  @ApiProperty({ type: ItemAvailabilityDto }) availability!: ItemAvailabilityDto;
}

/** `?q=` search plus paging. */
export class ItemSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Matches any identifier of the item, or its name.', maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;
}

/** Look up one item by one or more identifiers, which must all name it. */
export class ItemLookupQueryDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  sku?: string;

  @ApiPropertyOptional({ description: 'UPC-A, UPC-E, EAN-8, EAN-13, GTIN-14, ISBN-10 or ISBN-13; check digit verified.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  gtin?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  partNumber?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'A connection-scoped id; needs connectionId.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  connectionId?: string;
}
