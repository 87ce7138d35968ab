import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { LocationKind } from '@tally/inventory-application';
import type { LocationPolicy } from '@tally/inventory-domain';

/** Kinds of location. */
export const LOCATION_KINDS: LocationKind[] = ['warehouse', 'store', 'inventory_source', 'seller', 'vendor', 'facility', 'supplier', 'bin'];
/** How a location's level follows several sources. */
export const LOCATION_POLICIES: LocationPolicy[] = ['single-source', 'priority', 'latest'];

/** Where stock is held. */
export class LocationDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ description: 'Tenant-unique code vendors use.' }) code!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ enum: LOCATION_KINDS }) kind!: LocationKind;
  @ApiProperty({ enum: LOCATION_POLICIES }) policy!: LocationPolicy;
  @ApiProperty({ type: String, nullable: true }) sourceConnectionId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
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
    description: '`single-source` follows one connection, `priority` the highest-priority reporter, `latest` the newest report.',
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
}
