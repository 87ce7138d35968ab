import type { VendorAnswer } from '@tally/vendor-kit';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { KiboInventoryHandler } from '@tally/vendor-kibo';
import type { FastifyReply } from 'fastify';
import { Public } from '../../http/auth/auth.decorators';
import { JobWorker } from '../../jobs/job-worker.service';
import { KiboErrorDto, KiboInventoryRequestDto, KiboJobAcceptedDto, KiboJobStatusDto } from './kibo.dto';

/** Sends a handler's answer as it is. */
export function sendKibo(reply: FastifyReply, answer: VendorAnswer): void {
  void reply.status(answer.status).headers(answer.headers).send(JSON.stringify(answer.body));
}

/** Kibo OMS inventory refresh, adjust and job status, at Kibo's own paths under /kibo. */
@ApiTags('kibo')
@ApiBearerAuth()
@Public()
@Controller('kibo')
export class KiboInventoryHttpController {
  constructor(
    private readonly handler: KiboInventoryHandler,
    private readonly worker: JobWorker,
  ) {}

  @Post(['api/v5/inventory/refresh', 'inv/api/v5/inventory/refresh'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Kibo inventory refresh: absolute counts at one location, queued as a job (up to 12,000 items)' })
  @ApiBody({ type: KiboInventoryRequestDto })
  @ApiOkResponse({ type: KiboJobAcceptedDto })
  @ApiResponse({ status: 400, type: KiboErrorDto, description: 'Invalid request or too many items; nothing is queued' })
  @ApiResponse({ status: 401, type: KiboErrorDto })
  async refresh(@Headers('authorization') authorization: string | undefined, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    await this.submit('refresh', authorization, body, reply);
  }

  @Post(['api/v5/inventory/adjust', 'inv/api/v5/inventory/adjust'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Kibo inventory adjust: on-hand deltas at one location, queued as a job (up to 1,000 items)' })
  @ApiBody({ type: KiboInventoryRequestDto })
  @ApiOkResponse({ type: KiboJobAcceptedDto })
  @ApiResponse({ status: 400, type: KiboErrorDto })
  @ApiResponse({ status: 401, type: KiboErrorDto })
  async adjust(@Headers('authorization') authorization: string | undefined, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    await this.submit('adjust', authorization, body, reply);
  }

  @Get('inv/api/v1/queue/:jobID')
  @ApiOperation({ summary: 'Kibo job status: PENDING, WORKING, SUCCESS or FAILED, with item count and messages' })
  @ApiOkResponse({ type: KiboJobStatusDto })
  @ApiResponse({ status: 401, type: KiboErrorDto })
  @ApiResponse({ status: 404, type: KiboErrorDto })
  async status(@Headers('authorization') authorization: string | undefined, @Param('jobID') jobId: string, @Res() reply: FastifyReply): Promise<void> {
    sendKibo(reply, await this.handler.status(authorization, jobId));
  }

  private async submit(call: 'refresh' | 'adjust', authorization: string | undefined, body: unknown, reply: FastifyReply): Promise<void> {
    const answer = await this.handler.submit(call, authorization, body);
    if (answer.status === 200) this.worker.notify();
    sendKibo(reply, answer);
  }
}
