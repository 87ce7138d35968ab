import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../http/common/page-query.dto';
import { IDENTIFIER_KINDS, ItemDto } from './item.dto';
import { IsBoundedRecord } from '../http/validation/bounded-record.validator';
import { IsNullable, IsOmittable } from '../http/validation/optional.decorators';

/** Most identifiers one request may give an item. */
export const MAX_IDENTIFIERS = 50;
const ATTRIBUTE_LIMITS = { maxKeys: 100, maxKeyLength: 100, maxJsonLength: 16_000 };

/** One identifier of an item; an `external` id belongs to a connection. */
export class ItemIdentifierDto {
  @ApiProperty({ enum: IDENTIFIER_KINDS })
  @IsDefined()
  @IsIn(IDENTIFIER_KINDS)
  kind!: (typeof IDENTIFIER_KINDS)[number];

  @ApiProperty({ maxLength: 200, description: 'For `gtin`, any GTIN form on input (normalized to GTIN-14, check digit verified).' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  value!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The connection of an `external` id; only with it.' })
  @IsOmittable()
  @IsNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  connectionId?: string | null;
}

/** A new item: its name, attributes and at least one identifier nobody holds yet. */
export class CreateItemDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOmittable()
  @IsNullable()
  @IsString()
  @MaxLength(500)
  name?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Free-form JSON object (at most 100 keys, 16,000 characters).' })
  @IsOmittable()
  @IsBoundedRecord(ATTRIBUTE_LIMITS)
  attributes?: Record<string, unknown>;

  @ApiProperty({ type: [ItemIdentifierDto], minItems: 1, maxItems: MAX_IDENTIFIERS })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IDENTIFIERS)
  @ValidateNested({ each: true })
  @Type(() => ItemIdentifierDto)
  identifiers!: ItemIdentifierDto[];
}

/** Changes to an item's name and attributes (attributes are replaced whole). */
export class UpdateItemDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOmittable()
  @IsNullable()
  @IsString()
  @MaxLength(500)
  name?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOmittable()
  @IsBoundedRecord(ATTRIBUTE_LIMITS)
  attributes?: Record<string, unknown>;
}

/** Identifiers to give an item. */
export class AddIdentifiersDto {
  @ApiProperty({ type: [ItemIdentifierDto], minItems: 1, maxItems: MAX_IDENTIFIERS })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IDENTIFIERS)
  @ValidateNested({ each: true })
  @Type(() => ItemIdentifierDto)
  identifiers!: ItemIdentifierDto[];
}

/** The identifier to take from an item, in the query (kind and value are required, checked after the item). */
export class RemoveIdentifierQueryDto {
  @ApiProperty({ enum: IDENTIFIER_KINDS })
  @IsOmittable()
  @IsIn(IDENTIFIER_KINDS)
  kind?: (typeof IDENTIFIER_KINDS)[number];

  @ApiProperty({ maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  value?: string;

  @ApiPropertyOptional({ description: 'The connection of an `external` id.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  connectionId?: string;
}

/** Which item the merge absorbs into the one of the path. */
export class MergeItemsDto {
  @ApiProperty({ description: 'The item absorbed: its levels, observations, identifiers and open discrepancies move to the path’s item.' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  absorbedItemId!: string;
}

/** One identifier a line named, with the item it named then. */
export class IdentityClaimDto {
  @ApiProperty({ enum: IDENTIFIER_KINDS }) kind!: string;
  @ApiProperty() value!: string;
  @ApiProperty({ type: String, nullable: true }) connectionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) itemId!: string | null;
}

/** A line named identifiers of two items: merging them is proposed. */
export class IdentityDiscrepancyDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: [String], minItems: 2, maxItems: 2 }) itemIds!: readonly string[];
  @ApiProperty({ enum: ['open', 'merged', 'dismissed'] }) status!: string;
  @ApiProperty({ type: [IdentityClaimDto] }) claims!: readonly IdentityClaimDto[];
  @ApiProperty({ type: String, nullable: true }) connectionId!: string | null;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
}

/** One page of identity discrepancies. */
export class IdentityDiscrepancyPageDto {
  @ApiProperty({ type: [IdentityDiscrepancyDto] }) items!: readonly IdentityDiscrepancyDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

const STATUSES = ['open', 'merged', 'dismissed', 'all'] as const;

/** Filters of the identity discrepancy list. */
export class IdentityDiscrepancyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, default: 'open' })
  @IsOmittable()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

/** Why an identity discrepancy is dismissed. */
export class DismissIdentityDiscrepancyDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOmittable()
  @IsNullable()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

/** What a merge did. */
export class MergeResultDto {
  @ApiProperty({ type: ItemDto, description: 'The surviving item, with every identifier it holds now.' }) item!: ItemDto;
  @ApiProperty() absorbedItemId!: string;
  @ApiProperty({ type: 'integer', description: 'Levels the merge wrote (the survivor’s and the absorbed item’s places).' }) levelsWritten!: number;
}
