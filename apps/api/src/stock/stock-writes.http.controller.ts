import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@tally/inventory-application';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { ApiProblems } from '../http/common/problem-details.dto';
import { ApiIdempotentWrite, Idempotency, REPLAYED_HEADER, type IdempotencyContext } from '../http/idempotency/idempotency-key.decorator';
import { PROBLEM_CONTENT_TYPE } from '../http/problem/problem-details.model';
import {
  AdjustStockRequestDto,
  CompareAndSetStockRequestDto,
  RemoveStockRequestDto,
  SetStockRequestDto,
  StockBatchRequestDto,
} from './stock-write-request.dto';
import { BatchReportDto, WriteResultDto } from './stock-write-result.dto';
import { StockWriteService, type WriteAnswer } from './stock-write.service';

/** Writes to stock levels: set, adjust, compare-and-set, remove; one at a time or in a batch. */
@ApiTags('stock writes')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 413, 415, 422, 503)
@Controller('api/v1/stock-levels')
export class StockWritesHttpController {
  constructor(private readonly writes: StockWriteService) {}

  @Post('set')
  @HttpCode(200)
  @ApiIdempotentWrite()
  @ApiOperation({ summary: 'Set figures of a level absolutely; fields left out keep their value' })
  @ApiOkResponse({ type: WriteResultDto })
  @ApiAcceptedResponse({
    type: WriteResultDto,
    description: 'With a `connectionId` whose report the level does not follow: kept as its observation, not applied (`status: observed`).',
  })
  @ApiProblems(404, 409)
  async set(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SetStockRequestDto,
    @Idempotency() idem: IdempotencyContext | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return send(reply, await this.writes.single(principal, 'set', body, idem));
  }

  @Post('adjust')
  @HttpCode(200)
  @ApiIdempotentWrite()
  @ApiOperation({ summary: 'Add a delta to on hand or available; refused (409) below zero unless allowNegative' })
  @ApiOkResponse({ type: WriteResultDto })
  @ApiAcceptedResponse({
    type: WriteResultDto,
    description: 'With a `connectionId` whose report the level does not follow: kept as its observation, not applied (`status: observed`).',
  })
  @ApiProblems(404, 409)
  async adjust(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AdjustStockRequestDto,
    @Idempotency() idem: IdempotencyContext | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return send(reply, await this.writes.single(principal, 'adjust', body, idem));
  }

  @Post('compare-and-set')
  @HttpCode(200)
  @ApiIdempotentWrite()
  @ApiOperation({ summary: 'Set a figure only if it equals `expected`; otherwise 409 with `current`' })
  @ApiOkResponse({ type: WriteResultDto })
  @ApiAcceptedResponse({
    type: WriteResultDto,
    description: 'With a `connectionId` whose report the level does not follow: kept as its observation, not applied (`status: observed`).',
  })
  @ApiProblems(404, 409)
  async compareAndSet(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CompareAndSetStockRequestDto,
    @Idempotency() idem: IdempotencyContext | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return send(reply, await this.writes.single(principal, 'compare_and_set', body, idem));
  }

  @Post('remove')
  @HttpCode(200)
  @ApiIdempotentWrite()
  @ApiOperation({ summary: 'Remove the record of an item at a location (not the same as setting zero)' })
  @ApiOkResponse({ type: WriteResultDto })
  @ApiAcceptedResponse({
    type: WriteResultDto,
    description: 'With a `connectionId` whose report the level does not follow: kept as its observation, not applied (`status: observed`).',
  })
  @ApiProblems(404, 409)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RemoveStockRequestDto,
    @Idempotency() idem: IdempotencyContext | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return send(reply, await this.writes.single(principal, 'remove', body, idem));
  }

  @Post('batch')
  @HttpCode(200)
  @ApiIdempotentWrite()
  @ApiOperation({ summary: 'Apply many writes in document order; each line reports its own outcome' })
  @ApiOkResponse({ type: BatchReportDto })
  async batch(
    @CurrentPrincipal() principal: Principal,
    @Body() body: StockBatchRequestDto,
    @Idempotency() idem: IdempotencyContext | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return send(reply, await this.writes.batch(principal, body, idem));
  }
}

function send(reply: FastifyReply, answer: WriteAnswer): unknown {
  reply.status(answer.status);
  if (answer.replayed) reply.header(REPLAYED_HEADER, 'true');
  if (answer.status >= 400) reply.type(PROBLEM_CONTENT_TYPE);
  return answer.body;
}
