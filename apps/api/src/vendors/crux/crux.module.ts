import { Module, type OnModuleInit } from '@nestjs/common';
import { ApplyStockBatch, CatalogQueries, IssueAccessTokens } from '@tally/inventory-application';
import { CruxInventoryHandler } from '@tally/vendor-crux';
import { DialectErrorRegistry } from '../../http/dialects/dialect-error.registry';
import { CruxErrorDialectRenderer } from './crux-error.dialect-renderer';
import { CruxInventoryHttpController } from './crux-inventory.http.controller';
import { CruxLoginHttpController } from './crux-login.http.controller';

/** The Crux TIMP dialect: login and SKU inventory updates under /crux/, with Crux's error shape there. */
@Module({
  controllers: [CruxLoginHttpController, CruxInventoryHttpController],
  providers: [
    {
      provide: CruxInventoryHandler,
      useFactory: (apply: ApplyStockBatch, tokens: IssueAccessTokens, catalog: CatalogQueries) => new CruxInventoryHandler(apply, tokens, catalog, (task) => void setImmediate(task)),
      inject: [ApplyStockBatch, IssueAccessTokens, CatalogQueries],
    },
  ],
})
export class CruxModule implements OnModuleInit {
  constructor(private readonly dialects: DialectErrorRegistry) {}

  onModuleInit(): void {
    this.dialects.register(new CruxErrorDialectRenderer());
  }
}
