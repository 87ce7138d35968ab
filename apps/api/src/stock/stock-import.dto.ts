import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCATION_KINDS, type LocationKind } from '@tally/inventory-application';
import { STOCK_FILE_FORMATS } from '@tally/stock-files';
import { QueryBoolean } from '../http/common/page-query.dto';
import { IsOmittable } from '../http/validation/optional.decorators';

/** Per-line errors a preview lists; the rest are counted in `problemsOmitted`. */
export const PREVIEW_KEPT_PROBLEMS = 500;

/** `?format=&dryRun=&…` of an upload. */
export class StockImportQueryDto {
  @ApiPropertyOptional({
    enum: STOCK_FILE_FORMATS,
    description: 'The file format; default from the Content-Type (text/csv or application/x-ndjson). Another value is refused with 400.',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(40)
  format?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'true: check every line and answer the preview; nothing is written.' })
  @IsOmittable()
  @QueryBoolean()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Report as this connection of the tenant (its unknown-item policy applies).' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  connectionId?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Create items no identifier names yet (else such lines are rejected).' })
  @IsOmittable()
  @QueryBoolean()
  @IsBoolean()
  createItems?: boolean;

  @ApiPropertyOptional({ enum: LOCATION_KINDS, description: 'Create unknown location codes as this kind (else such lines are rejected).' })
  @IsOmittable()
  @IsIn(LOCATION_KINDS)
  createLocations?: LocationKind;

  @ApiPropertyOptional({ description: "Kept in the ledger with every change: the file's name, say." })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference?: string;
}

/** One line that cannot be applied. */
export class StockImportProblemDto {
  @ApiProperty({ description: "The file's line the record starts on (1-based)." }) line!: number;
  @ApiProperty({ example: 'onHand' }) field!: string;
  @ApiProperty({ example: 'REQUEST.INVALID' }) code!: string;
  @ApiProperty() message!: string;
}

/** What an import would do, from a dry run of the whole file. */
export class StockImportPreviewDto {
  @ApiProperty({ description: 'Records read (the header and blank lines are not records).' }) lines!: number;
  @ApiProperty({ description: 'Records that would be applied, be unchanged or be observed.' }) valid!: number;
  @ApiProperty({ description: 'Records that would be refused: unreadable or invalid, stale, or in conflict.' }) invalid!: number;
  @ApiProperty({ description: 'Levels the import would change.' }) wouldChange!: number;
  @ApiProperty({ description: 'Lines whose level already holds what they say.' }) unchanged!: number;
  @ApiProperty({ description: "Lines kept as another source's observation, not applied (several sources, one place)." }) observed!: number;
  @ApiProperty({ description: 'Items the import would create; a new item named in two chunks of 1,000 lines counts twice.' }) itemsCreated!: number;
  @ApiProperty({ type: [StockImportProblemDto], description: `The refused lines in file order, at most ${PREVIEW_KEPT_PROBLEMS}.` })
  problems!: StockImportProblemDto[];
  @ApiProperty({ description: 'Refused lines past those listed, counted only.' }) problemsOmitted!: number;
}

/** An import accepted as a job: read `GET /api/v1/jobs/{jobId}` for its progress and messages. */
export class StockImportJobDto {
  @ApiProperty({ example: 42 }) jobId!: number;
  @ApiProperty({ enum: ['PENDING'] }) status!: 'PENDING';
  @ApiProperty({ description: 'Records read; the job counts them all in itemCount.' }) lines!: number;
  @ApiProperty({ description: 'Records refused as they were read, already in the job’s messages.' }) unreadable!: number;
}
