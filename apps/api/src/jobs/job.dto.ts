import { ApiProperty } from '@nestjs/swagger';

/** One problem of a job. */
export class JobMessageDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Position of the line in the submitted document (0-based), null for the whole job' })
  line!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'sku 101010' })
  item!: string | null;
  @ApiProperty({ example: 'INVENTORY.UNKNOWN_ITEM' })
  code!: string;
  @ApiProperty()
  message!: string;
}

/** A durable job and its progress. */
export class JobDto {
  @ApiProperty({ example: 42 })
  id!: number;
  @ApiProperty({ enum: ['REFRESH', 'ADJUST'] })
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
