import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { ChannelItemState, ChannelStatus } from '@tally/inventory-application';
import { IsBoundedRecord } from '../http/validation/bounded-record.validator';
import { IsWholeNumber } from '../http/validation/whole-number.validator';
import { IsOmittable } from '../http/validation/optional.decorators';
import { PageQueryDto } from '../http/common/page-query.dto';

const STATUSES: ChannelStatus[] = ['active', 'paused'];
const IDENTIFIER_KINDS = ['sku', 'gtin', 'partNumber', 'external'] as const;
/** States of an item on a channel. */
export const CHANNEL_ITEM_STATES: ChannelItemState[] = ['pending', 'failing', 'dead', 'synced'];

/** How a channel turns sellable stock into what it shows. Each rule may be left out to keep its current or default value. */
export class ChannelRulesInputDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Units held back. Default 0.' })
  @IsOmittable()
  @IsWholeNumber(0, Number.MAX_SAFE_INTEGER)
  bufferUnits?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Percentage of the sellable units held back, rounded up to whole units. Default 0.' })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  bufferPercent?: number;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: 'The most the channel is shown (also the figure of infinite stock); null for none.',
  })
  @IsOptional()
  @IsWholeNumber(0, Number.MAX_SAFE_INTEGER)
  maxShown?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: 'At or below this many units (after the buffers) the channel is shown 0; null for none.',
  })
  @IsOptional()
  @IsWholeNumber(0, Number.MAX_SAFE_INTEGER)
  zeroAt?: number | null;
}

/** A channel's rules. */
export class ChannelRulesDto {
  @ApiProperty() bufferUnits!: number;
  @ApiProperty() bufferPercent!: number;
  @ApiProperty({ type: 'integer', nullable: true }) maxShown!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) zeroAt!: number | null;
}

/** Which identifier a channel names items by. */
export class ChannelIdentifierDto {
  @ApiProperty({ enum: IDENTIFIER_KINDS, description: 'Default `sku`. `external`: the item’s id at one connection (its vendor’s own id).' })
  @IsIn(IDENTIFIER_KINDS)
  kind!: (typeof IDENTIFIER_KINDS)[number];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'For `external`: the connection whose ids name the items.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  connectionId?: string | null;
}

/** What a channel's creation or change may set. */
class ChannelInputDto {
  @ApiPropertyOptional({ enum: STATUSES, description: 'A paused channel keeps its pending work until it is active again. Default `active`.' })
  @IsOmittable()
  @IsIn(STATUSES)
  status?: ChannelStatus;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Locations whose stock the channel may sell; null or left out for every location.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  locationIds?: string[] | null;

  @ApiPropertyOptional({ type: ChannelRulesInputDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ChannelRulesInputDto)
  rules?: ChannelRulesInputDto;

  @ApiPropertyOptional({ type: ChannelIdentifierDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ChannelIdentifierDto)
  identifier?: ChannelIdentifierDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Dialect settings, as `settingsSchema` of GET /api/v1/channel-dialects describes them.',
  })
  @IsOmittable()
  @IsBoundedRecord({ maxKeys: 50, maxKeyLength: 100, maxJsonLength: 10_000 })
  settings?: Record<string, unknown>;
}

/** A new channel. */
export class CreateChannelDto extends ChannelInputDto {
  @ApiProperty({ example: 'Web shop', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ example: 'marketplacer', description: 'A dialect GET /api/v1/channel-dialects lists.', maxLength: 40 })
  @IsString()
  @MaxLength(40)
  dialect!: string;

  @ApiProperty({ example: 'https://shop.example.com', description: 'The channel’s base URL; the dialect’s documented paths follow it.', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  baseUrl!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Credentials Tally presents to the channel, as `credentialsSchema` describes them. Encrypted at rest, never answered back.',
  })
  @IsBoundedRecord({ maxKeys: 20, maxKeyLength: 100, maxJsonLength: 10_000 })
  credentials!: Record<string, unknown>;
}

/** Changes to a channel; credentials, when given, replace the old ones whole. */
export class UpdateChannelDto extends ChannelInputDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  baseUrl?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'New credentials, replacing the old ones whole.' })
  @IsOmittable()
  @IsBoundedRecord({ maxKeys: 20, maxKeyLength: 100, maxJsonLength: 10_000 })
  credentials?: Record<string, unknown>;
}

/** A channel as shown: never its credentials. */
export class ChannelDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() dialect!: string;
  @ApiProperty({ enum: STATUSES }) status!: ChannelStatus;
  @ApiProperty() baseUrl!: string;
  @ApiProperty({ type: [String], nullable: true }) locationIds!: readonly string[] | null;
  @ApiProperty({ type: ChannelRulesDto }) rules!: ChannelRulesDto;
  @ApiProperty({ type: ChannelIdentifierDto }) identifier!: { kind: string; connectionId: string | null };
  @ApiProperty({ type: 'object', additionalProperties: true }) settings!: Readonly<Record<string, unknown>>;
  @ApiProperty({ type: [String], description: 'Names of the credentials set (their values are never answered).' }) credentialFields!: readonly string[];
  @ApiProperty({
    type: [String],
    description: 'Event types the channel is sent besides its figures, as its settings subscribe it (the webhook dialect’s `events`).',
  })
  events!: readonly string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** The tenant's channels. */
export class ChannelListDto {
  @ApiProperty({ type: [ChannelDto] }) items!: ChannelDto[];
}

/** A channel's sync at a glance. */
export class ChannelSyncDto {
  @ApiProperty({ description: 'Items waiting to be sent.' }) pending!: number;
  @ApiProperty({ description: 'Items whose last send failed and that wait to be retried.' }) failing!: number;
  @ApiProperty({ description: 'Dead letters: items refused for good or out of attempts; replay them after fixing the cause.' }) dead!: number;
  @ApiProperty({ description: 'Items the channel shows as Tally computes them.' }) synced!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastSuccessAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastErrorAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the oldest unsent change was marked.' }) oldestPendingAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds since the oldest unsent change: the channel’s lag.' }) lagSeconds!: number | null;
  @ApiProperty({ description: 'Changes of the tenant not yet fanned out to its channels.' }) outboxBacklog!: number;
  @ApiProperty({ description: 'Feed events waiting to be sent, including ones being retried.' }) eventsPending!: number;
  @ApiProperty({ description: 'Feed events refused for good or out of attempts; `replay` sends them again.' }) eventsDead!: number;
}

/** One item's sync state on a channel. */
export class ChannelItemSyncDto {
  @ApiProperty() itemId!: string;
  @ApiProperty({ enum: CHANNEL_ITEM_STATES }) state!: ChannelItemState;
  @ApiProperty({ format: 'date-time' }) markedAt!: string;
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ['unlimited'] }], nullable: true, description: 'What the channel last accepted.' })
  sent!: number | 'unlimited' | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) sentAt!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt!: string;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
}

/** One page of items in one state. */
export class ChannelItemSyncPageDto {
  @ApiProperty({ type: [ChannelItemSyncDto] }) items!: ChannelItemSyncDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** One item's available-to-sell on a channel. */
export class ChannelAvailabilityDto {
  @ApiProperty() itemId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The identifier the channel names the item by; null when the item has none of that kind (it is then not sent).',
  })
  identifier!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Units the channel may sell; null when unlimited.' }) quantity!: number | null;
  @ApiProperty({ description: 'Sellable units of the channel’s locations before the channel’s rules.' }) sellable!: number;
  @ApiProperty({ description: 'True when one of the channel’s locations has infinite stock.' }) unlimited!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Newest change of the item’s levels.' }) changedAt!: string | null;
  @ApiProperty({ type: ChannelItemSyncDto, nullable: true }) sync!: ChannelItemSyncDto | null;
}

/** One page of availability. */
export class ChannelAvailabilityPageDto {
  @ApiProperty({ type: [ChannelAvailabilityDto] }) items!: ChannelAvailabilityDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** `?changedSince=` of the availability list. */
export class ChannelAvailabilityQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Only items with a level changed at or after this time.' })
  @IsOmittable()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, { message: 'changedSince must be an ISO-8601 date-time with a zone' })
  changedSince?: string;
}

/** `?state=` of the item-state list. */
export class ChannelItemStateQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHANNEL_ITEM_STATES, description: 'Default `dead`.' })
  @IsOmittable()
  @IsIn(CHANNEL_ITEM_STATES)
  state?: ChannelItemState;
}

/** One send to a channel. */
export class ChannelDeliveryDto {
  @ApiProperty() id!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) finishedAt!: string;
  @ApiProperty() items!: number;
  @ApiProperty() sent!: number;
  @ApiProperty() retried!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ enum: ['items', 'events'], description: 'What the send carried: figures (`items`) or feed events; the counts count those.' })
  subject!: 'items' | 'events';
}

/** One page of deliveries, newest first. */
export class ChannelDeliveryPageDto {
  @ApiProperty({ type: [ChannelDeliveryDto] }) items!: ChannelDeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** Which dead letters to send again. */
export class ReplayDto {
  @ApiPropertyOptional({ type: [String], description: 'Items to replay; left out for every dead item and every dead feed event.' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  itemIds?: string[];
}

/** How many items a resync or replay marked for sending. */
export class MarkedDto {
  @ApiProperty() marked!: number;
}

/** One item's exceptions to a channel's rules. */
export class ChannelOverrideInputDto {
  @ApiPropertyOptional({ type: ChannelRulesInputDto, description: 'Rules replacing the channel’s for this item.' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ChannelRulesInputDto)
  rules?: ChannelRulesInputDto;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'integer', minimum: 0 },
      { type: 'string', enum: ['unlimited'] },
    ],
    nullable: true,
    description: 'A fixed figure whatever the stock.',
  })
  @IsOptional()
  fixed?: number | 'unlimited' | null;

  @ApiPropertyOptional({ description: 'The item is not sold on this channel: it is shown 0. Default false.' })
  @IsOmittable()
  @IsBoolean()
  excluded?: boolean;
}

/** An item's override on a channel. */
export class ChannelOverrideDto {
  @ApiProperty() itemId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) rules!: Record<string, unknown>;
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ['unlimited'] }], nullable: true }) fixed!: number | 'unlimited' | null;
  @ApiProperty() excluded!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** One page of overrides. */
export class ChannelOverridePageDto {
  @ApiProperty({ type: [ChannelOverrideDto] }) items!: ChannelOverrideDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** An outbound connector: what a channel of its dialect needs. */
export class ChannelDialectDto {
  @ApiProperty() dialect!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Most items per send.' }) maxBatch!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Most requests per second per channel.' }) requestsPerSecond!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) settingsSchema!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) credentialsSchema!: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'Event types a channel of the dialect may subscribe to besides its figures.' }) events!: readonly string[];
}

/** The installed outbound connectors. */
export class ChannelDialectListDto {
  @ApiProperty({ type: [ChannelDialectDto] }) items!: ChannelDialectDto[];
}
