import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ConnectionSettingsInputDto, ConnectionWithCredentialsDto } from '../../connections/connection.dto';
import { IsOmittable } from '../../http/validation/optional.decorators';

/** A new RetailOPS connection. */
export class CreateRetailopsConnectionDto {
  @ApiProperty({ example: 'RetailOPS channel 21', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({
    type: ConnectionSettingsInputDto,
    description: 'options.clientId pins the RetailOPS client id; options.testMode accepts the SDK test key RETAILOPS_SDK.',
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ConnectionSettingsInputDto)
  settings?: ConnectionSettingsInputDto;
}

/** What to paste into RetailOPS's integration settings. */
export class RetailopsSetupDto {
  @ApiProperty({ description: 'The inventory_push_v1 endpoint, naming the connection (needed for the test key).' })
  endpointUrl!: string;
  @ApiProperty({ description: 'The same endpoint at the path of the older document (POST /orders).' })
  documentedEndpointUrl!: string;
  @ApiProperty({ description: 'integration_auth_token: the connection token <credentialId>.<secret>. Shown once.' })
  integrationAuthToken!: string;
}

/** A RetailOPS connection, its credentials and its setup values. */
export class RetailopsConnectionDto extends ConnectionWithCredentialsDto {
  @ApiProperty({ type: RetailopsSetupDto }) retailops!: RetailopsSetupDto;
}
