import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../http/common/page-query.dto';
import { IsOmittable } from '../http/validation/optional.decorators';
import { ItemAvailabilityDto, ObservationDto, StockLevelDto } from '../stock/stock-level.dto';

/** A sellable variant. */
export class ItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ type: String, nullable: true }) sku!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Checked GTIN-14.' }) gtin!: string | null;
  @ApiProperty({ type: String, nullable: true }) partNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
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
  @ApiPropertyOptional({ description: 'Matches sku, GTIN, part number, name or external id.', maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;
}

/** Look up one item by exactly one identifier. */
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
