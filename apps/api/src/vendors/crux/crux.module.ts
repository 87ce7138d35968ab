import { Module } from '@nestjs/common';
import { ApplyStockBatch, IssueAccessTokens, StockWriteObserver } from '@tally/inventory-application';
import { uncountedTokens } from '../../http/auth/tenant-rate-limited.credentials';
import { CruxGroupRunner, CruxInventoryHandler } from '@tally/vendor-crux';
import { AppConfig, threadsCanShare } from '@tally/platform-node';
import { CruxConfig, loadCruxConfig } from './crux.config';
import { CruxInventoryHttpController } from './crux-inventory.http.controller';
import { CruxLoginHttpController } from './crux-login.http.controller';
import { CruxWriteThread } from './crux-write.thread';

/** Who applies Crux groups: the write thread (CRUX_WRITE_THREAD on, ADR 0026) or this thread. */
const CRUX_GROUPS = 'CRUX_GROUPS';

/** The Crux TIMP dialect: login and SKU inventory updates under /crux/, with Crux's error shape there. */
@Module({
  controllers: [CruxLoginHttpController, CruxInventoryHttpController],
  providers: [
    { provide: CruxConfig, useFactory: () => loadCruxConfig(process.env) },
    {
      provide: CRUX_GROUPS,
      useFactory: (
        config: AppConfig,
        crux: CruxConfig,
        apply: ApplyStockBatch,
        tokens: IssueAccessTokens,
        observer: StockWriteObserver,
      ): CruxWriteThread | CruxGroupRunner =>
        // A `:memory:` database cannot be opened from another thread.
        crux.writeThread && threadsCanShare(config.databaseUrl)
          ? new CruxWriteThread({ databaseUrl: config.databaseUrl, unsafeTestMode: config.unsafeTestMode }, undefined, undefined, observer)
          : // Each call was already counted against its tenant's rate by the controller.
            new CruxGroupRunner(apply, uncountedTokens(tokens)),
      inject: [AppConfig, CruxConfig, ApplyStockBatch, IssueAccessTokens, StockWriteObserver],
    },
    {
      provide: CruxInventoryHandler,
      // setImmediate: the calls already received join the group (see CruxBatchCoalescer). With the
      // write thread, the next group forms and starts while the previous one commits there.
      useFactory: (tokens: IssueAccessTokens, groups: CruxWriteThread | CruxGroupRunner, crux: CruxConfig) =>
        new CruxInventoryHandler(tokens, groups.run, {
          defer: (task) => void setImmediate(task),
          maxRunningGroups: groups instanceof CruxWriteThread ? 2 : 1,
          tokenTtlSeconds: crux.tokenTtlSeconds,
        }),
      inject: [IssueAccessTokens, CRUX_GROUPS, CruxConfig],
    },
  ],
})
export class CruxModule {}
