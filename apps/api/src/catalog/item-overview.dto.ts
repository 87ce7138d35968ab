import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { OVERVIEW_SORTS, OVERVIEW_STATUSES, type OverviewSort, type OverviewStatus } from '@tally/inventory-application';
import { IsOmittable } from '../http/validation/optional.decorators';
import { IsWholeNumber } from '../http/validation/whole-number.validator';
import { HeldIdentifierDto } from './item.dto';

/** Largest page of the overview. */
export const MAX_OVERVIEW_PAGE = 200;

/** Filters, order and page of the items overview (ADR 0059). */
export class ItemOverviewQueryDto {
  @ApiPropertyOptional({ maxLength: 64, description: 'Only items with a level at this location; their figures are that location’s.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  locationId?: string;

  @ApiPropertyOptional({ enum: OVERVIEW_STATUSES, description: 'The item’s status (as `status` in the rows).' })
  @IsOmittable()
  @IsIn(OVERVIEW_STATUSES)
  status?: OverviewStatus;

  @ApiPropertyOptional({ maxLength: 64, description: 'Items this connection reported (an observation) or names (an external id).' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  connectionId?: string;

  @ApiPropertyOptional({
    maxLength: 64,
    description: 'Items the channel sells (a record at one of its locations, not excluded), with their available-to-sell on it.',
  })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  channelId?: string;

  @ApiPropertyOptional({ enum: ['open'], description: 'Only items with an open stock or identity discrepancy.' })
  @IsOmittable()
  @IsIn(['open'])
  discrepancy?: 'open';

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Words (split at spaces and commas) that must each occur, case-insensitively, in the name or an identifier.',
  })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: OVERVIEW_SORTS, default: 'name', description: 'Ties are broken by item id.' })
  @IsOmittable()
  @IsIn(OVERVIEW_SORTS)
  sort?: OverviewSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'Ascending puts missing values (and unlimited sellable) last.' })
  @IsOmittable()
  @IsIn(['asc', 'desc'])
  direction?: 'asc' | 'desc';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_OVERVIEW_PAGE, default: 50, description: 'Page size.' })
  @IsOmittable()
  @Type(() => Number)
  @IsWholeNumber(1, MAX_OVERVIEW_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor: the `nextCursor` of the previous page, with the same filters and order.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  cursor?: string;
}

/** An item's available-to-sell on the filtered channel. */
export class OverviewChannelFigureDto {
  @ApiProperty() channelId!: string;
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ['unlimited'] }], description: 'Units shown to the channel, or `unlimited`.' })
  figure!: number | 'unlimited';
}

/** One item of the overview. */
export class ItemOverviewRowDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first SKU the item holds.' }) sku!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first GTIN-14 the item holds.' }) gtin!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first part number the item holds.' }) partNumber!: string | null;
  @ApiProperty({ type: [HeldIdentifierDto] }) identifiers!: readonly HeldIdentifierDto[];
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Sum of the known on-hand figures of its levels with a record; null when none is known (unknown, not zero).',
  })
  onHand!: number | null;
  @ApiProperty({ type: 'integer' }) reserved!: number;
  @ApiProperty({ type: 'integer', description: 'Sum of each level’s sellable units, each clamped at zero; 0 when only unlimited.' }) sellable!: number;
  @ApiProperty({ description: 'A level of infinite stock may be sold.' }) unlimited!: boolean;
  @ApiProperty({ enum: OVERVIEW_STATUSES, description: 'The domain’s availability status; `untracked` when no level has a record.' })
  status!: OverviewStatus;
  @ApiProperty({ description: 'An open stock or identity discrepancy concerns the item.' }) openDiscrepancy!: boolean;
  @ApiProperty({ format: 'date-time', description: 'The newest change of its levels, else when the item was created.' }) updatedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The filtered location; null: figures over every location.' }) locationId!: string | null;
  @ApiProperty({ type: OverviewChannelFigureDto, nullable: true, description: 'Only with `channelId`.' }) channel!: OverviewChannelFigureDto | null;
}

/** One page of the overview. */
export class ItemOverviewPageDto {
  @ApiProperty({ type: [ItemOverviewRowDto] }) items!: readonly ItemOverviewRowDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
