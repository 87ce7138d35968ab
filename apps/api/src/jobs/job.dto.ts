import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ApplicationErrorCodes } from '@tally/inventory-application';
import { IsOmittable } from '../http/validation/optional.decorators';
import { IsWholeNumber } from '../http/validation/whole-number.validator';

/** One problem of a job. */
export class JobMessageDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Position of the line in the submitted document (0-based; an IMPORT job's file line number, 1-based), null for the whole job",
  })
  line!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'sku 101010' })
  item!: string | null;
  @ApiProperty({ example: ApplicationErrorCodes.unknownItem })
  code!: string;
  @ApiProperty()
  message!: string;
}

/** A durable job and its progress. */
export class JobDto {
  @ApiProperty({ example: 42 })
  id!: number;
  @ApiProperty({ enum: ['REFRESH', 'ADJUST', 'IMPORT'], description: 'IMPORT: a stock file uploaded to POST /api/v1/stock-levels/import' })
  kind!: string;
  @ApiProperty({ enum: ['PENDING', 'WORKING', 'SUCCESS', 'FAILED'] })
  status!: string;
  @ApiProperty({ type: String, nullable: true })
  locationCode!: string | null;
  @ApiProperty()
  itemCount!: number;
  @ApiProperty({ description: 'Lines handled so far' })
  processed!: number;
  @ApiProperty({ type: [JobMessageDto] })
  messages!: JobMessageDto[];
  @ApiProperty()
  added!: string;
  @ApiProperty({ type: String, nullable: true })
  started!: string | null;
  @ApiProperty({ type: String, nullable: true })
  finished!: string | null;
}

/** `?limit=` of the job list. */
export class JobListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOmittable()
  @Type(() => Number)
  @IsWholeNumber(1, 200)
  limit?: number;
}

/** The newest jobs; `messages` is empty here (read one job for them). */
export class JobListDto {
  @ApiProperty({ type: [JobDto] }) items!: JobDto[];
}
