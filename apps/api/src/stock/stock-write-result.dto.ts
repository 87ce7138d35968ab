import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DomainErrorCodes, LINE_STATUSES, type LineStatus } from '@tally/inventory-domain';

const STATUSES: LineStatus[] = [...LINE_STATUSES];

/** Why a line was not applied. */
export class LineErrorDto {
  @ApiProperty({ example: DomainErrorCodes.expectedMismatch }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional() field?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

/** Something worth knowing about an applied line (a duplicate merged...). */
export class LineWarningDto {
  @ApiProperty({ example: DomainErrorCodes.duplicateLine }) code!: string;
  @ApiProperty() message!: string;
}

/**
 * A single write that was applied, changed nothing, or (202) was kept as its connection's
 * observation without being applied: the location's level follows another source.
 */
export class WriteResultDto {
  @ApiProperty({
    enum: ['applied', 'unchanged', 'observed'],
    description: '`observed` (HTTP 202): kept as the connection’s observation, not applied; the warning says which source the level follows.',
  })
  status!: 'applied' | 'unchanged' | 'observed';
  @ApiProperty() itemId!: string;
  @ApiProperty() locationId!: string;
  @ApiProperty({ description: 'The write created the item.' }) itemCreated!: boolean;
  @ApiProperty({ type: [LineWarningDto] }) warnings!: readonly LineWarningDto[];
}

/** What happened to one line of a batch. */
export class LineReportDto {
  @ApiProperty({ type: 'integer', description: '1-based position in `lines`.' }) lineNo!: number;
  @ApiProperty({ enum: STATUSES }) status!: LineStatus;
  @ApiProperty({ type: String, nullable: true }) itemId!: string | null;
  @ApiProperty({ type: String, nullable: true }) locationId!: string | null;
  @ApiPropertyOptional({ type: LineErrorDto }) error?: LineErrorDto;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'For a conflict: the current value.' }) current?: number | null;
  @ApiProperty({ type: [LineWarningDto] }) warnings!: readonly LineWarningDto[];
}

/** How many lines ended in each status. */
export class BatchCountsDto {
  @ApiProperty({ type: 'integer' }) applied!: number;
  @ApiProperty({ type: 'integer' }) unchanged!: number;
  @ApiProperty({ type: 'integer', description: 'Kept as the connection’s observation, not applied.' }) observed!: number;
  @ApiProperty({ type: 'integer' }) stale!: number;
  @ApiProperty({ type: 'integer' }) conflict!: number;
  @ApiProperty({ type: 'integer' }) rejected!: number;
}

/** The report of a batch, one entry per line in document order. */
export class BatchReportDto {
  @ApiProperty({ type: [LineReportDto] }) lines!: readonly LineReportDto[];
  @ApiProperty({ type: BatchCountsDto }) counts!: BatchCountsDto;
  @ApiProperty({ type: [String], description: 'Items the batch created.' }) createdItemIds!: readonly string[];
}
