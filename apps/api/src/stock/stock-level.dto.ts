import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AVAILABILITY_STATUSES as STATUSES, type AvailabilityStatus, type BackorderPolicy, type Restriction } from '@tally/inventory-domain';

/** Availability statuses. */
export const AVAILABILITY_STATUSES: AvailabilityStatus[] = [...STATUSES];
/** Restrictions a level may carry. */
export const RESTRICTIONS: Restriction[] = ['none', 'discontinued', 'temporarily_unavailable'];
/** What happens when stock runs out. */
export const BACKORDER_POLICIES: BackorderPolicy[] = ['none', 'backorder', 'preorder'];

/** Stock on its way. */
export class IncomingStockDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) quantity!: number;
  @ApiProperty({ type: String, nullable: true, description: 'ISO-8601 date or date-time.' }) expectedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
}

/** The figures that drive availability. */
export class StockFiguresDto {
  @ApiProperty({ type: 'integer', nullable: true }) onHand!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Available as reported: already net of reservations.' })
  availableReported!: number | null;
  @ApiProperty({ type: 'integer' }) reserved!: number;
  @ApiProperty({ type: 'integer' }) backorder!: number;
  @ApiProperty({ type: 'integer' }) safetyStock!: number;
  @ApiProperty({ type: 'integer' }) floor!: number;
  @ApiProperty({ type: 'integer' }) outOfStockThreshold!: number;
  @ApiProperty({ type: 'integer', nullable: true }) lowStockThreshold!: number | null;
  @ApiProperty() infinite!: boolean;
  @ApiProperty({ enum: RESTRICTIONS }) restriction!: Restriction;
  @ApiProperty({ enum: BACKORDER_POLICIES }) backorderPolicy!: BackorderPolicy;
}

/** Descriptive facts of a level. */
export class StockDetailsDto {
  @ApiProperty({ type: [IncomingStockDto] }) incoming!: readonly IncomingStockDto[];
  @ApiProperty({ type: 'integer', nullable: true }) leadTimeDays!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) dispatchTimeDays!: number | null;
  @ApiProperty({ type: String, nullable: true, example: '19.99' }) price!: string | null;
  @ApiProperty({ type: String, nullable: true }) salePrice!: string | null;
  @ApiProperty({ type: String, nullable: true }) unitCost!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'USD' }) currency!: string | null;
  @ApiProperty({ type: String, nullable: true }) binId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) attributes!: Record<string, string>;
}

/** What can be sold at one place. */
export class LevelAvailabilityDto {
  @ApiProperty({ type: 'integer', description: 'Sellable units; 0 when unlimited or not sellable.' }) sellable!: number;
  @ApiProperty() unlimited!: boolean;
  @ApiProperty({ enum: AVAILABILITY_STATUSES }) status!: AvailabilityStatus;
}

/** The stock of one item at one location. */
export class StockLevelDto {
  @ApiProperty() itemId!: string;
  @ApiProperty() locationId!: string;
  @ApiProperty({ description: 'false: no record (removed), which differs from zero on hand.' }) present!: boolean;
  @ApiProperty({ type: StockFiguresDto }) figures!: StockFiguresDto;
  @ApiProperty({ type: StockDetailsDto }) details!: StockDetailsDto;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) sourceTimestamp!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: LevelAvailabilityDto }) availability!: LevelAvailabilityDto;
}

/** One page of stock levels. */
export class StockLevelPageDto {
  @ApiProperty({ type: [StockLevelDto] }) items!: readonly StockLevelDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** The latest report of one connection for one place. */
export class ObservationDto {
  @ApiProperty() connectionId!: string;
  @ApiProperty() itemId!: string;
  @ApiProperty() locationId!: string;
  @ApiProperty() present!: boolean;
  @ApiProperty({ type: StockFiguresDto }) figures!: StockFiguresDto;
  @ApiProperty({ type: StockDetailsDto }) details!: StockDetailsDto;
  @ApiProperty({ type: String, nullable: true }) sourceTimestamp!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: 'integer' }) staleCount!: number;
}

/** Availability at one location of an item. */
export class LocationAvailabilityDto extends LevelAvailabilityDto {
  @ApiProperty() locationId!: string;
}

/** An item's availability: each location's clamped value, and their sum. */
export class ItemAvailabilityDto extends LevelAvailabilityDto {
  @ApiPropertyOptional({ type: [LocationAvailabilityDto] }) locations!: readonly LocationAvailabilityDto[];
}
