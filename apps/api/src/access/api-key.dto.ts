import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { ApiKeyRole } from '@tally/inventory-application';

const ROLES: ApiKeyRole[] = ['admin', 'read_only'];

/** A new API key. */
export class CreateApiKeyDto {
  @ApiProperty({ example: 'reporting dashboard', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ enum: ROLES, description: '`admin` may write; `read_only` may only read.' })
  @IsIn(ROLES)
  role!: ApiKeyRole;
}

/** An API key as listed: never its secret. */
export class ApiKeyDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: ApiKeyRole;
  @ApiProperty({ description: 'Public first characters of the key, to recognise it.' }) prefix!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
}

/** A created key, with its secret: shown this once, stored only hashed. */
export class CreatedApiKeyDto {
  @ApiProperty({ type: ApiKeyDto }) key!: ApiKeyDto;
  @ApiProperty({ description: 'The bearer token. Shown once; Tally keeps only its hash.' }) secret!: string;
}

/** The API keys of the tenant. */
export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: readonly ApiKeyDto[];
}
