import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { ApiKeyRole } from '@tally/inventory-application';
import { TextCheckedElsewhere } from '../../http/validation/text-checked-elsewhere.decorator';

/** Sign-in to the console with an API key. */
export class SignInDto {
  @ApiProperty({ description: 'An API key of the tenant; it is checked, never stored.', minLength: 1, maxLength: 512 })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  @TextCheckedElsewhere('the credential check')
  apiKey!: string;
}

/** Who the session speaks for. */
export class SessionDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty({
    enum: ['admin', 'read_only', 'operator'],
    description: '`read_only` sessions may only read; `operator` is an admin that may also open tenants.',
  })
  role!: ApiKeyRole;
}

/** Whether the caller's session cookie is signed in. */
export class SessionStateDto {
  @ApiProperty() signedIn!: boolean;
  @ApiProperty({ type: SessionDto, nullable: true }) session!: SessionDto | null;
}
