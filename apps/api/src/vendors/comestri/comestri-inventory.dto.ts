import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ComestriErrorCodes } from '@tally/vendor-comestri';

// Swagger documentation only: the body is parsed by @tally/vendor-comestri, not by the global pipe.

/** The `inventory` hash of Comestri's create request. */
export class ComestriInventoryFieldsDto {
  @ApiProperty({ example: 'MOTUL', description: 'Name of the inventory source (a Tally location of kind inventory_source).' })
  inventory_source!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Product code (the item sku). Not with product_id.' }) product_code?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Product ID (this connection’s external item id). Not with product_code.' })
  product_id?: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'SKU for this inventory source.' }) sku?: string | null;
  @ApiProperty({ type: 'integer', description: 'On hand.' }) qty!: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Available as reported (net of the source’s reservations).' })
  available_qty?: number | null;
  @ApiPropertyOptional({ enum: ['out_of_stock', 'in_stock'], nullable: true }) stock_availability?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) out_of_stock_threshold?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) dispatch_time?: number | null;
  @ApiPropertyOptional({ enum: ['day', 'hour'], nullable: true }) dispatch_time_unit?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) lead_time?: number | null;
  @ApiPropertyOptional({ enum: ['months', 'weeks', 'days', 'hours'], nullable: true }) lead_time_unit?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2016-05-30T05:13:26Z' }) stock_arrival_date?: string | null;
  @ApiPropertyOptional({ enum: ['pre_orderable', 'back_orderable'], nullable: true }) back_order_handling?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) back_order_allocation?: number | null;
  @ApiPropertyOptional({ nullable: true, example: '2016-05-30T05:13:26Z', description: 'Orders updates: older than the last applied is stale.' })
  source_system_stock_timestamp?: string | null;
  @ApiPropertyOptional({ type: 'number', nullable: true }) unit_cost?: number | null;
  @ApiPropertyOptional({ enum: ['dynamic', 'static', 'perpetual'], nullable: true, description: 'perpetual never sells out.' })
  style?: string | null;
}

/** Comestri's create request. */
export class ComestriInventoryRequestDto {
  @ApiProperty({ type: ComestriInventoryFieldsDto }) inventory!: ComestriInventoryFieldsDto;
}

/** An inventory source as a record shows it. */
export class ComestriInventorySourceDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'MOTUL' }) name!: string;
}

/** An inventory record, as the document's response example shows it. */
export class ComestriInventoryRecordDto extends OmitType(ComestriInventoryFieldsDto, ['inventory_source'] as const) {
  @ApiProperty({ type: 'integer', example: 2, description: 'Positive integer, stable per product and inventory source.' }) id!: number;
  @ApiProperty({ type: 'boolean', example: true }) support_shipping!: boolean;
  @ApiProperty({ type: ComestriInventorySourceDto }) inventory_source!: ComestriInventorySourceDto;
}

/** One invalid field. */
export class ComestriFieldErrorDto {
  @ApiProperty({ example: 'inventory[qty]' }) field!: string;
  @ApiProperty({ example: 'must be an Integer' }) message!: string;
}

/** The error body of every Comestri route. */
export class ComestriErrorDto {
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: 'Unprocessable Entity' }) error!: string;
  @ApiProperty({ example: ComestriErrorCodes.invalid }) code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [ComestriFieldErrorDto] }) errors!: ComestriFieldErrorDto[];
}
