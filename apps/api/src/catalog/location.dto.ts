import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCATION_KINDS as KINDS, type LocationKind } from '@tally/inventory-application';
import { LOCATION_POLICIES as POLICIES, type LocationPolicy } from '@tally/inventory-domain';

/** Kinds of location. */
export const LOCATION_KINDS: LocationKind[] = [...KINDS];
/** How a location's level follows several sources. */
export const LOCATION_POLICIES: LocationPolicy[] = [...POLICIES];

/** Where stock is held. */
export class LocationDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ description: 'Tenant-unique code vendors use.' }) code!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ enum: LOCATION_KINDS }) kind!: LocationKind;
  @ApiProperty({ enum: LOCATION_POLICIES }) policy!: LocationPolicy;
  @ApiProperty({ type: String, nullable: true, description: 'For `single-source`: the connection the levels follow (null until one reports).' })
  sourceConnectionId!: string | null;
  @ApiProperty({ type: [String], description: 'For `priority`: connections in the order they win; unlisted ones rank after them by their priority setting.' })
  priorityConnectionIds!: readonly string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** What a change of a location's sources did to its levels. */
export class SourceSwitchDto {
  @ApiProperty({ description: 'Locations whose rules changed.' }) locations!: number;
  @ApiProperty({ description: 'Levels that now follow another observation (a `source_switched` ledger entry each).' })
  levelsChanged!: number;
  @ApiProperty({ description: 'Observed places whose level stayed as it was (the new source has not reported there, or already agreed).' })
  levelsKept!: number;
}

/** A location after its policy was set, and what that did to its levels. */
export class LocationPolicyChangeDto extends LocationDto {
  @ApiProperty({ type: SourceSwitchDto }) switched!: SourceSwitchDto;
}

/** One page of locations. */
export class LocationPageDto {
  @ApiProperty({ type: [LocationDto] }) items!: readonly LocationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** A location's reconciliation policy. */
export class SetLocationPolicyDto {
  @ApiProperty({
    enum: LOCATION_POLICIES,
    description:
      '`single-source` follows one connection, `priority` the first connection of `priorityConnectionIds` that reported (then the connections’ priority settings), `latest` the report with the newest source time. The levels follow the new rules at once.',
  })
  @IsIn(LOCATION_POLICIES)
  policy!: LocationPolicy;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'For `single-source`: the connection to follow; null follows the first to report.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  sourceConnectionId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'For `priority`: connection ids in the order they win (at most 100).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(64, { each: true })
  priorityConnectionIds?: string[];
}
