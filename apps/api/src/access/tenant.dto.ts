import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CreatedApiKeyDto } from './api-key.dto';

/** A new tenant. */
export class CreateTenantDto {
  @ApiProperty({ example: 'Acme Outdoor', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

/** A merchant account. */
export class TenantDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A created tenant and its first admin key (shown once). */
export class CreatedTenantDto {
  @ApiProperty({ type: TenantDto }) tenant!: TenantDto;
  @ApiProperty({ type: CreatedApiKeyDto }) adminKey!: CreatedApiKeyDto;
}
