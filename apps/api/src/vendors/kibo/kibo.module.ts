import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Clock, IssueAccessTokens, StockJobs } from '@tally/inventory-application';
import { KiboInventoryHandler, KiboTokenHandler } from '@tally/vendor-kibo';
import type { FastifyInstance } from 'fastify';
import { JobsModule } from '../../jobs/jobs.module';
import { KiboConfig, loadKiboConfig } from './kibo.config';
import { KiboInventoryHttpController } from './kibo-inventory.http.controller';
import { KiboTokenHttpController } from './kibo-token.http.controller';

const FORM = 'application/x-www-form-urlencoded';

/** The Kibo OMS dialect: OAuth2 token, inventory refresh and adjust as jobs, job status. */
@Module({
  imports: [JobsModule],
  controllers: [KiboInventoryHttpController, KiboTokenHttpController],
  providers: [
    { provide: KiboConfig, useFactory: () => loadKiboConfig(process.env) },
    {
      provide: KiboInventoryHandler,
      useFactory: (tokens: IssueAccessTokens, jobs: StockJobs, clock: Clock, config: KiboConfig) => new KiboInventoryHandler(tokens, jobs, clock, config),
      inject: [IssueAccessTokens, StockJobs, Clock, KiboConfig],
    },
    {
      provide: KiboTokenHandler,
      useFactory: (tokens: IssueAccessTokens, config: KiboConfig) => new KiboTokenHandler(tokens, config.tokenTtlSeconds),
      inject: [IssueAccessTokens, KiboConfig],
    },
  ],
})
export class KiboModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // Only the token route gets past the JSON-only hook with a form body: its descriptor says so.
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (!fastify.hasContentTypeParser(FORM)) {
      fastify.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
    }
  }
}
