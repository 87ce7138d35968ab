import { ApiProperty } from '@nestjs/swagger';

/** One route of a dialect, as its client calls it. */
export class DialectRouteDto {
  @ApiProperty({ enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] }) method!: string;
  @ApiProperty({ example: '/kibo/inv/api/v1/queue/{jobID}', description: 'Path template; `{name}` is a parameter.' }) path!: string;
  @ApiProperty({ example: 'http://localhost:3000/kibo/inv/api/v1/queue/{jobID}', description: 'The path on this server.' }) url!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [String], description: 'Media types a body may have; empty when the route takes none.' }) contentTypes!: string[];
  @ApiProperty({ description: 'Largest body accepted, in bytes.' }) bodyLimitBytes!: number;
  @ApiProperty({ type: String, nullable: true, description: "The setting that changes this route's own body limit; null when it follows BODY_LIMIT." })
  bodyLimitSetting!: string | null;
}

/** How a vendor's client authenticates. */
export class DialectCredentialDto {
  @ApiProperty({ enum: ['api-key', 'http-basic', 'bearer-token', 'oauth2-client-credentials', 'token-and-email', 'body-key', 'login-token'] })
  scheme!: string;
  @ApiProperty() presentation!: string;
}

/** A URL to configure in the vendor's client. */
export class DialectEndpointDto {
  @ApiProperty() label!: string;
  @ApiProperty() url!: string;
}

/** How to point a vendor's client at this server. */
export class DialectConnectGuideDto {
  @ApiProperty({ type: [String] }) steps!: string[];
  @ApiProperty({ type: [DialectEndpointDto] }) endpoints!: DialectEndpointDto[];
}

/** A dialect this server speaks, as it describes itself. */
export class DialectDto {
  @ApiProperty({ example: 'kibo', description: 'The name connections are created with.' }) name!: string;
  @ApiProperty({ example: 'Kibo OMS' }) title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, nullable: true, description: "Path prefix of the dialect's routes; errors under it are in the vendor's shape." })
  pathPrefix!: string | null;
  @ApiProperty({ enum: ['vendor', 'problem'], description: "Shape of error answers: the vendor's own, or the API's problem documents." })
  errorShape!: 'vendor' | 'problem';
  @ApiProperty({ type: [DialectRouteDto] }) routes!: DialectRouteDto[];
  @ApiProperty({ type: DialectCredentialDto }) credential!: DialectCredentialDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "JSON Schema of the connection's `settings.options` for this dialect; options it does not list are refused.",
  })
  settings!: Record<string, unknown>;
  @ApiProperty({ type: DialectConnectGuideDto }) connect!: DialectConnectGuideDto;
}

/** The dialects this server speaks. */
export class DialectListDto {
  @ApiProperty({ type: [DialectDto] }) items!: DialectDto[];
}
