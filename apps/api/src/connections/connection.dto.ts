import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { Dialect, UnknownItemPolicy } from '@tally/inventory-application';
import { IsBoundedRecord } from '../http/validation/bounded-record.validator';
import { IsWholeNumber } from '../http/validation/whole-number.validator';
import { IsOmittable } from '../http/validation/optional.decorators';

const POLICIES: UnknownItemPolicy[] = ['create', 'reject'];

/** Settings of a connection; each may be left out to keep its current or default value. */
export class ConnectionSettingsInputDto {
  @ApiPropertyOptional({ enum: POLICIES, description: 'What to do with lines naming an unknown item. Default `create`.' })
  @IsOmittable()
  @IsIn(POLICIES)
  unknownItemPolicy?: UnknownItemPolicy;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, description: 'Location code used when a payload names none.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  defaultLocationCode?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: -1000, maximum: 1000, description: 'Higher wins under the `priority` location policy.' })
  @IsOmittable()
  @IsWholeNumber(-1000, 1000)
  priority?: number;

  @ApiPropertyOptional({
    description:
      'Whether the connection’s lines may give an existing item identifiers it does not hold yet (a line naming a known SKU and a new barcode attaches the barcode). Default true; when false the line still matches the item and the new identifiers are ignored.',
  })
  @IsOmittable()
  @IsBoolean()
  attachIdentifiers?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "Dialect-specific options, as the dialect's `settings` schema in GET /api/v1/dialects describes them; other options are refused.",
  })
  @IsOmittable()
  @IsBoundedRecord({ maxKeys: 50, maxKeyLength: 100, maxJsonLength: 10_000 })
  options?: Record<string, unknown>;
}

/** A new connection of the tenant with one dialect. */
export class CreateConnectionDto {
  @ApiProperty({ example: 'kibo', description: 'The name of a dialect GET /api/v1/dialects lists.', maxLength: 40 })
  @IsString()
  @MaxLength(40)
  dialect!: Dialect;

  @ApiProperty({ example: 'Kibo main store', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({ type: ConnectionSettingsInputDto })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ConnectionSettingsInputDto)
  settings?: ConnectionSettingsInputDto;
}

/** Settings of a connection as stored. */
export class ConnectionSettingsDto {
  @ApiProperty({ enum: POLICIES }) unknownItemPolicy!: UnknownItemPolicy;
  @ApiProperty({ type: String, nullable: true }) defaultLocationCode!: string | null;
  @ApiProperty({ type: 'integer' }) priority!: number;
  @ApiPropertyOptional({ description: 'Absent means true: identifiers may be attached.' }) attachIdentifiers?: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) options!: Record<string, unknown>;
}

/** A connection: its public credential id, never its secret. */
export class ConnectionDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ example: 'kibo', description: 'The name of a dialect GET /api/v1/dialects lists.' }) dialect!: Dialect;
  @ApiProperty() name!: string;
  @ApiProperty({ type: ConnectionSettingsDto }) settings!: ConnectionSettingsDto;
  @ApiProperty({ description: 'Public id the vendor client presents.' }) credentialId!: string;
  @ApiProperty({ enum: ['active', 'revoked'] }) status!: 'active' | 'revoked';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) rotatedAt!: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) revokedAt!: string | null;
}

/** Credentials, shown once at creation or rotation; Tally keeps only the secret's hash. */
export class ConnectionCredentialsDto {
  @ApiProperty() credentialId!: string;
  @ApiProperty() secret!: string;
  @ApiProperty({ description: '`<credentialId>.<secret>`, for clients that present one token.' }) token!: string;
}

/** A connection with its new credentials. */
export class ConnectionWithCredentialsDto {
  @ApiProperty({ type: ConnectionDto }) connection!: ConnectionDto;
  @ApiProperty({ type: ConnectionCredentialsDto }) credentials!: ConnectionCredentialsDto;
}

/** The connections of the tenant. */
export class ConnectionListDto {
  @ApiProperty({ type: [ConnectionDto] }) items!: readonly ConnectionDto[];
}

/** Where a connection's locations go. */
export class HandOverDto {
  @ApiProperty({ description: 'The active connection of the tenant that becomes the source instead.' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  toConnectionId!: string;
}
