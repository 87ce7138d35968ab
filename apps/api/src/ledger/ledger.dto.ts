import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';
import { LEDGER_CAUSES as CAUSES, type LedgerCause } from '@tally/inventory-domain';
import { STOCK_FILE_FORMATS, type StockFileFormat } from '@tally/stock-files';
import { PageQueryDto } from '../http/common/page-query.dto';
import { IsOmittable } from '../http/validation/optional.decorators';
import { StockDetailsDto, StockFiguresDto } from '../stock/stock-level.dto';

/** Why a level changed. */
export const LEDGER_CAUSES: LedgerCause[] = [...CAUSES];

/** Filters of the ledger, the same for its list and its export. */
export class LedgerFilterQueryDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  itemId?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  locationId?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  connectionId?: string;

  @ApiPropertyOptional({ enum: LEDGER_CAUSES })
  @IsOmittable()
  @IsIn(LEDGER_CAUSES)
  cause?: LedgerCause;

  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded at or after (inclusive).' })
  @IsOmittable()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded before (exclusive).' })
  @IsOmittable()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

/** Filters and page of the ledger list. */
export class LedgerQueryDto extends IntersectionType(PageQueryDto, LedgerFilterQueryDto) {}

/** Filters and format of a ledger export. */
export class LedgerExportQueryDto extends LedgerFilterQueryDto {
  @ApiPropertyOptional({ enum: STOCK_FILE_FORMATS, default: 'csv' })
  @IsOmittable()
  @IsIn(STOCK_FILE_FORMATS)
  format?: StockFileFormat;
}

/** A level as the ledger records it. */
export class LevelSnapshotDto {
  @ApiProperty() present!: boolean;
  @ApiProperty({ type: StockFiguresDto }) figures!: StockFiguresDto;
  @ApiProperty({ type: StockDetailsDto }) details!: StockDetailsDto;
  @ApiProperty({ type: String, nullable: true }) sourceTimestamp!: string | null;
}

/** The item of a ledger entry, as a reader names it. */
export class LedgerItemDto {
  @ApiProperty({ type: String, nullable: true }) sku!: string | null;
  @ApiProperty({ type: String, nullable: true }) gtin!: string | null;
  @ApiProperty({ type: String, nullable: true }) partNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

/** One immutable change of a level. */
export class LedgerEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty() itemId!: string;
  @ApiProperty() locationId!: string;
  @ApiProperty({ type: LevelSnapshotDto }) before!: LevelSnapshotDto;
  @ApiProperty({ type: LevelSnapshotDto }) after!: LevelSnapshotDto;
  @ApiProperty({ type: 'integer' }) versionAfter!: number;
  @ApiProperty({ enum: LEDGER_CAUSES }) cause!: LedgerCause;
  @ApiProperty({ description: 'Who made the change: an API key (`api-key:<key id>`), a connection, an operator.' }) actor!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The API key's name when the actor is an API key of the tenant (also once revoked); null for any other actor.",
  })
  actorName!: string | null;
  @ApiProperty({
    type: LedgerItemDto,
    nullable: true,
    description: "The item's identifiers and name as they are now; null once the item was merged into another (itemId still names it).",
  })
  item!: LedgerItemDto | null;
  @ApiProperty({ type: String, nullable: true }) connectionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceTimestamp!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: [Number], description: 'Line numbers this change merges.' }) lines!: readonly number[];
}

/** One page of the ledger, newest first. */
export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto] }) items!: readonly LedgerEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
