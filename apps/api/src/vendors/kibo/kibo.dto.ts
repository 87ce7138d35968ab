import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Documentation only: Kibo bodies are parsed by @tally/vendor-kibo, not by the validation pipe. */
export class KiboItemDto {
  @ApiPropertyOptional({ minLength: 1 }) partNumber?: string;
  @ApiPropertyOptional({ minLength: 1, description: 'Checked and stored as GTIN-14' }) upc?: string;
  @ApiPropertyOptional({ minLength: 1 }) sku?: string;
  @ApiPropertyOptional({ minimum: 1, description: 'Bin within the location (refresh only)' }) binID?: number;
  @ApiProperty({ description: 'Refresh: absolute on-hand count (>= 0). Adjust: on-hand delta. A numeric string is accepted.' }) quantity!: number;
  @ApiPropertyOptional({ description: 'Store prioritization figure, kept as attribute kibo.ltd' }) ltd?: number;
  @ApiPropertyOptional({ minimum: 0 }) floor?: number;
  @ApiPropertyOptional({ minimum: 0 }) safetyStock?: number;
  @ApiPropertyOptional() currencyID?: number;
  @ApiPropertyOptional({ minimum: 0 }) retailPrice?: number;
  @ApiPropertyOptional({ type: [String], maxItems: 63, description: 'Added or updated, never dropped' }) attributes?: string[];
}

/** A refresh or adjust request. */
export class KiboInventoryRequestDto {
  @ApiPropertyOptional({ example: 0 }) manufacturerID?: number;
  @ApiProperty({ minLength: 1, example: '1' }) locationName!: string;
  @ApiPropertyOptional({ type: [KiboItemDto], maxItems: 12000 }) items?: KiboItemDto[];
}

/** The answer to an accepted refresh or adjust. */
export class KiboJobAcceptedDto {
  @ApiProperty({ example: 1234567 }) jobID!: number;
}

/** A job's status. */
export class KiboJobStatusDto {
  @ApiProperty() jobID!: number;
  @ApiProperty({ enum: ['REFRESH', 'ADJUST'] }) type!: string;
  @ApiProperty({ enum: ['PENDING', 'WORKING', 'SUCCESS', 'FAILED'] }) status!: string;
  @ApiProperty() success!: boolean;
  @ApiProperty() itemCount!: number;
  @ApiProperty({ description: 'Tally addition: items handled so far' }) processedCount!: number;
  @ApiProperty({ type: [String] }) messages!: string[];
  @ApiProperty() added!: string;
  @ApiProperty({ type: String, nullable: true }) started!: string | null;
  @ApiProperty({ type: String, nullable: true }) finished!: string | null;
  @ApiProperty({ type: String, nullable: true }) locationCode!: string | null;
  @ApiProperty() tenantID!: string;
}

/** One field problem. */
export class KiboFieldErrorDto {
  @ApiProperty({ example: 'items[0].quantity' }) field!: string;
  @ApiProperty({ example: 'must be at least 0' }) message!: string;
}

/** Tally's Kibo error body. */
export class KiboErrorDto {
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [KiboFieldErrorDto] }) errors!: KiboFieldErrorDto[];
}

/** The token request (form-encoded or JSON). */
export class KiboTokenRequestDto {
  @ApiProperty({ enum: ['client_credentials'] }) grant_type!: string;
}

/** An issued token. */
export class KiboTokenDto {
  @ApiProperty() access_token!: string;
  @ApiProperty({ example: 'Bearer' }) token_type!: string;
  @ApiProperty({ example: 3600 }) expires_in!: number;
}

/** An OAuth2 error. */
export class OAuthErrorDto {
  @ApiProperty({ example: 'invalid_client' }) error!: string;
  @ApiProperty() error_description!: string;
}
