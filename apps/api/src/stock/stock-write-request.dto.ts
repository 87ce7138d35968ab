import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { LocationKind, UnknownItemPolicy } from '@tally/inventory-application';
import { LOCATION_KINDS } from '../catalog/location.dto';
import { IsOmittable } from '../http/validation/optional.decorators';
import { AdjustFieldsDto, CompareAndSetFieldsDto, LineTargetDto, RemoveFieldsDto, SetFieldsDto } from './stock-line.dto';
import { TextCheckedElsewhere } from '../http/validation/text-checked-elsewhere.decorator';

/** The write kinds of a batch line. */
export const WRITE_OPS = ['set', 'adjust', 'compare_and_set', 'remove'] as const;
/** One of {@link WRITE_OPS}. */
export type WriteOp = (typeof WRITE_OPS)[number];

/** Who reports and how unknown things are handled; the same for every line of a request. */
export class WriteOptionsDto {
  @ApiPropertyOptional({ description: 'Report as this connection: its observation is kept and reconciled with the others.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  connectionId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Your reference, kept in the ledger. Defaults to the Idempotency-Key.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ enum: ['create', 'reject'], description: 'Default: the connection’s policy, or `reject`.' })
  @IsOmittable()
  @IsIn(['create', 'reject'])
  unknownItemPolicy?: UnknownItemPolicy;

  @ApiPropertyOptional({ enum: LOCATION_KINDS, description: 'Create unknown location codes as this kind; without it they are rejected.' })
  @IsOmittable()
  @IsIn(LOCATION_KINDS)
  createLocationsAs?: LocationKind;
}

/** A single absolute write. */
export class SetStockRequestDto extends IntersectionType(SetFieldsDto, WriteOptionsDto) {}
/** A single delta write. */
export class AdjustStockRequestDto extends IntersectionType(AdjustFieldsDto, WriteOptionsDto) {}
/** A single compare-and-set. */
export class CompareAndSetStockRequestDto extends IntersectionType(CompareAndSetFieldsDto, WriteOptionsDto) {}
/** A single removal. */
export class RemoveStockRequestDto extends IntersectionType(RemoveFieldsDto, WriteOptionsDto) {}

/** A batch line whose `op` is not one of the known kinds. */
export class UnknownOpLineDto extends LineTargetDto {
  @ApiProperty({ enum: WRITE_OPS }) @IsIn(WRITE_OPS) op!: WriteOp;
}
/** A batch line: absolute write. */
export class SetLineDto extends SetFieldsDto {
  @ApiProperty({ enum: ['set'] }) @IsIn(['set']) op!: 'set';
}
/** A batch line: delta write. */
export class AdjustLineDto extends AdjustFieldsDto {
  @ApiProperty({ enum: ['adjust'] }) @IsIn(['adjust']) op!: 'adjust';
}
/** A batch line: compare-and-set. */
export class CompareAndSetLineDto extends CompareAndSetFieldsDto {
  @ApiProperty({ enum: ['compare_and_set'] }) @IsIn(['compare_and_set']) op!: 'compare_and_set';
}
/** A batch line: removal. */
export class RemoveLineDto extends RemoveFieldsDto {
  @ApiProperty({ enum: ['remove'] }) @IsIn(['remove']) op!: 'remove';
}

/** Any batch line. */
export type StockLineDto = SetLineDto | AdjustLineDto | CompareAndSetLineDto | RemoveLineDto;

const LINE_MODELS = [SetLineDto, AdjustLineDto, CompareAndSetLineDto, RemoveLineDto];

/** A batch of writes, applied in document order; a bad line never blocks the good ones. */
@ApiExtraModels(...LINE_MODELS)
export class StockBatchRequestDto extends WriteOptionsDto {
  @ApiProperty({
    type: 'array',
    minItems: 1,
    items: {
      oneOf: LINE_MODELS.map((model) => ({ $ref: getSchemaPath(model) })),
      discriminator: {
        propertyName: 'op',
        mapping: Object.fromEntries(WRITE_OPS.map((op, i) => [op, getSchemaPath(LINE_MODELS[i])])),
      },
    },
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100_000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UnknownOpLineDto, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'op',
      subTypes: [
        { name: 'set', value: SetLineDto },
        { name: 'adjust', value: AdjustLineDto },
        { name: 'compare_and_set', value: CompareAndSetLineDto },
        { name: 'remove', value: RemoveLineDto },
      ],
    },
  })
  @TextCheckedElsewhere('each line')
  lines!: StockLineDto[];
}
