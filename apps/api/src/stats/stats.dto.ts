import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { MAX_ACTIVITY_DAYS } from '@tally/inventory-application';
import { IsOmittable } from '../http/validation/optional.decorators';
import { IsWholeNumber } from '../http/validation/whole-number.validator';

/** Items per status: each equals the number of items `GET /api/v1/items/overview?status=` pages through. */
export class StatusCountsDto {
  @ApiProperty({ type: 'integer' }) in_stock!: number;
  @ApiProperty({ type: 'integer' }) low_stock!: number;
  @ApiProperty({ type: 'integer' }) out_of_stock!: number;
  @ApiProperty({ type: 'integer' }) backorderable!: number;
  @ApiProperty({ type: 'integer' }) preorderable!: number;
  @ApiProperty({ type: 'integer' }) discontinued!: number;
  @ApiProperty({ type: 'integer' }) unavailable!: number;
  @ApiProperty({ type: 'integer', description: 'No level with a record.' }) untracked!: number;
}

/** Items of the tenant, by what the overview list's filters select. */
export class ItemCountsDto {
  @ApiProperty({ type: 'integer', description: 'Live (not merged) items.' }) total!: number;
  @ApiProperty({ type: StatusCountsDto }) byStatus!: StatusCountsDto;
  @ApiProperty({ type: 'integer', description: 'Items `?discrepancy=open` selects.' }) openDiscrepancy!: number;
}

/** Open discrepancies, counted one per discrepancy. */
export class DiscrepancyCountsDto {
  @ApiProperty({ type: 'integer', description: 'Open stock discrepancies (one per place).' }) stockOpen!: number;
  @ApiProperty({ type: 'integer', description: 'Open identity discrepancies (one per pair of items).' }) identityOpen!: number;
}

/** The tenant's jobs that are waiting, running or failed. */
export class JobCountsDto {
  @ApiProperty({ type: 'integer' }) pending!: number;
  @ApiProperty({ type: 'integer' }) working!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
}

/** The tenant's channels and their items in trouble. */
export class ChannelCountsDto {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer', description: 'Items whose last sends failed and are retried.' }) failingItems!: number;
  @ApiProperty({ type: 'integer', description: 'Items that ran out of retries (dead letters).' }) deadItems!: number;
}

/** The console overview's tiles, counted in the database. */
export class OverviewCountsDto {
  @ApiProperty({ type: ItemCountsDto }) items!: ItemCountsDto;
  @ApiProperty({ type: DiscrepancyCountsDto }) discrepancies!: DiscrepancyCountsDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Connections per status (`active`, `revoked`).' })
  connections!: Record<string, number>;
  @ApiProperty({ type: JobCountsDto }) jobs!: JobCountsDto;
  @ApiProperty({ type: ChannelCountsDto }) channels!: ChannelCountsDto;
}

/** `?days=` of the activity. */
export class ActivityQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ACTIVITY_DAYS, default: 14, description: 'UTC days, today included.' })
  @IsOmittable()
  @Type(() => Number)
  @IsWholeNumber(1, MAX_ACTIVITY_DAYS)
  days?: number;
}

/** Ledger entries of one UTC day from one source. */
export class ActivityRowDto {
  @ApiProperty({ description: 'The UTC day, `YYYY-MM-DD`.' }) day!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The connection that wrote them; null for direct writes.' }) connectionId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'For direct writes (no connection): who made them, e.g. `api-key:<key id>`.' })
  actor!: string | null;
  @ApiProperty({ type: 'integer' }) entries!: number;
}

/** Ledger entries per day and source over a window, counted over the whole ledger of the window. */
export class ActivityDto {
  @ApiProperty({ enum: ['UTC'], description: 'The time zone of the days.' }) timeZone!: 'UTC';
  @ApiProperty({ format: 'date-time', description: 'Start of the window (inclusive), a UTC midnight.' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the window (exclusive), the UTC midnight after today.' }) to!: string;
  @ApiProperty({ type: [ActivityRowDto], description: 'By day, then connection, then actor; days and sources without entries are left out.' })
  rows!: readonly ActivityRowDto[];
}

/** A connection's newest refusal, as kept: never a body, a header or a secret (ADR 0063). */
export class ConnectionErrorDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    type: 'integer',
    description: 'The HTTP status answered; for a refused line, the status it would have alone (422, 409); 500 for a failed job.',
  })
  status!: number;
  @ApiProperty({
    example: 'INVENTORY.UNKNOWN_ITEM',
    description: 'The stable error code of the answer (the dialect’s own code when it has one; `HTTP.<status>` when the answer names none).',
  })
  code!: string;
  @ApiProperty({ description: 'The answer’s message, at most 300 characters, credential-shaped words masked.' }) message!: string;
  @ApiProperty({ enum: ['request', 'line', 'job'], description: 'A refused request, a refused line of a batch the request or job wrote, or a failed job.' })
  source!: 'request' | 'line' | 'job';
}

/** What one connection wrote lately. */
export class ConnectionActivityDto {
  @ApiProperty() connectionId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Its newest ledger entry in the window; null when none.' })
  lastEntryAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'Ledger entries in the last 24 hours.' }) entriesLastDay!: number;
  @ApiProperty({ type: 'integer', description: 'Ledger entries since `from`.' }) entriesInWindow!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description:
      'The last request that authenticated as the connection (any answer), or batch written for it; each API process writes it at most every 5 seconds, so it may be up to that much older. Null when never seen.',
  })
  lastSeenAt!: string | null;
  @ApiProperty({ type: ConnectionErrorDto, nullable: true, description: 'Its newest refusal; null when none.' }) lastError!: ConnectionErrorDto | null;
  @ApiProperty({ type: 'integer', description: 'Refusals (requests, lines, jobs) in the last 24 whole hours (UTC), the current hour included.' })
  errorsLastDay!: number;
}

/** Every connection of the tenant with its recent activity. */
export class ConnectionsActivityDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the window: 30 days ago.' }) from!: string;
  @ApiProperty({ type: [ConnectionActivityDto] }) connections!: ConnectionActivityDto[];
}
