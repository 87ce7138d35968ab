import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { PageRequest } from '@tally/inventory-application';
import { IsWholeNumber } from '../validation/whole-number.validator';
import { IsOmittable } from '../validation/optional.decorators';

/** Largest page a list answers. */
export const MAX_PAGE_SIZE = 500;

/** `?limit=&cursor=` of every list. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, description: 'Page size.' })
  @IsOmittable()
  @Type(() => Number)
  @IsWholeNumber(1, MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor: the `nextCursor` of the previous page.' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  cursor?: string;
}

/** The page request of a page query. */
export function pageOf(query: PageQueryDto): PageRequest {
  return { limit: query.limit ?? 50, cursor: query.cursor ?? null };
}

/** Parses `true`/`false` query values, leaving anything else for the validator to refuse. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
