import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { ApiKeyRole } from '@tally/inventory-application';

const ROLES: ApiKeyRole[] = ['admin', 'read_only', 'operator'];

/** A new API key. */
export class CreateApiKeyDto {
  @ApiProperty({ example: 'reporting dashboard', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({
    enum: ROLES,
    description: '`admin` may write; `read_only` may only read; `operator` is an admin that may also open tenants, and only an operator key may create one.',
  })
  @IsIn(ROLES)
  role!: ApiKeyRole;
}

/** An API key as listed: never its secret. */
export class ApiKeyDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: ApiKeyRole;
  @ApiProperty({
    description:
      "The key's public id (`tly_` and 12 characters), to recognise it: a generated key begins with it; a supplied key does not, and none of its characters is ever shown.",
  })
  prefix!: string;
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
