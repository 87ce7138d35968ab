import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError, StockJobs, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { ApiProblems } from '../http/common/problem-details.dto';
import { JobDto } from './job.dto';

/** Status of the tenant's durable jobs, of every kind. */
@ApiTags('jobs')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/jobs')
export class JobsHttpController {
  constructor(private readonly jobs: StockJobs) {}

  @Get(':jobId')
  @ApiOperation({ summary: 'Get a job: status, progress and per-line messages' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('jobId') jobId: string): Promise<JobDto> {
    if (!/^\d{1,9}$/.test(jobId)) throw new ApplicationError('RESOURCE.NOT_FOUND', `no job ${jobId}`, 'jobId');
    const job = await this.jobs.get(principal.tenantId, Number(jobId));
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      locationCode: job.locationCode,
      itemCount: job.itemCount,
      processed: job.processed,
      messages: [...job.messages],
      added: job.added,
      started: job.started,
      finished: job.finished,
    };
  }
}
