import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError, ApplicationErrorCodes, StockJobs, type Job, type Principal } from '@tally/inventory-application';
import { CurrentPrincipal } from '../http/auth/auth.decorators';
import { ApiProblems } from '../http/common/problem-details.dto';
import { JobDto, JobListDto, JobListQueryDto } from './job.dto';

/** Status of the tenant's durable jobs, of every kind. */
@ApiTags('jobs')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/v1/jobs')
export class JobsHttpController {
  constructor(private readonly jobs: StockJobs) {}

  @Get()
  @ApiOperation({ summary: 'The newest jobs first (status and progress; messages are on each job)' })
  @ApiOkResponse({ type: JobListDto })
  @ApiProblems(422)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: JobListQueryDto): Promise<JobListDto> {
    const jobs = await this.jobs.list(principal.tenantId, query.limit ?? 50);
    return { items: jobs.map(jobDtoOf) };
  }

  @Get(':jobId')
  @ApiOperation({ summary: 'Get a job: status, progress and per-line messages' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('jobId') jobId: string): Promise<JobDto> {
    if (!/^\d{1,9}$/.test(jobId)) throw new ApplicationError(ApplicationErrorCodes.notFound, `no job ${jobId}`, 'jobId');
    return jobDtoOf(await this.jobs.get(principal.tenantId, Number(jobId)));
  }
}

function jobDtoOf(job: Job): JobDto {
  return {
    id: job.number,
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
