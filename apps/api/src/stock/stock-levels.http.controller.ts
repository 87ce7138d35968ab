import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { ReadInventory, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { pageOf, PageQueryDto, QueryBoolean } from '../http/common/page-query.dto';
import { ApiProblems } from '../http/common/problem-details.dto';
import { IsOmittable } from '../http/validation/optional.decorators';
import { StockLevelPageDto } from './stock-level.dto';

/** Filters of the stock level list. */
export class StockLevelQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  itemId?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  locationId?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Include places whose record was removed.' })
  @IsOmittable()
  @QueryBoolean()
  @IsBoolean()
  includeAbsent?: boolean;
}

/** Reads stock levels with their availability. */
@ApiTags('stock levels')
@ApiBearerAuth()
@ApiProblems(401, 422)
@Controller('api/v1/stock-levels')
export class StockLevelsHttpController {
  constructor(private readonly inventory: ReadInventory) {}

  @Get()
  @ApiOperation({ summary: 'List stock levels, filtered by item and/or location, each with its availability' })
  @ApiOkResponse({ type: StockLevelPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: StockLevelQueryDto): Promise<StockLevelPageDto> {
    const filter = {
      ...(query.itemId ? { itemId: query.itemId } : {}),
      ...(query.locationId ? { locationId: query.locationId } : {}),
      includeAbsent: query.includeAbsent ?? false,
    };
    return this.inventory.listLevels(principal.tenantId, filter, pageOf(query));
  }
}
