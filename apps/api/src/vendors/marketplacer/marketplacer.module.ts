import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { StockBatchWriter, CatalogQueries, ManageConnections, ReadInventory } from '@tally/inventory-application';
import { JSON_API_MEDIA_TYPE, MarketplacerInventoriesHandler, MarketplacerRateLimiter } from '@tally/vendor-marketplacer';
import type { FastifyInstance } from 'fastify';
import { PersistenceHandle } from '../../platform/persistence.handle';
import { MarketplacerHttpController } from './marketplacer.http.controller';

/** The Marketplacer Seller API dialect under `/marketplacer/`. */
@Module({
  controllers: [MarketplacerHttpController],
  providers: [
    {
      provide: MarketplacerInventoriesHandler,
      // The rate windows are the database's on PostgreSQL: every process counts the same key's window.
      useFactory: (
        connections: ManageConnections,
        catalog: CatalogQueries,
        inventory: ReadInventory,
        batches: StockBatchWriter,
        persistence: PersistenceHandle,
      ) => new MarketplacerInventoriesHandler(connections, catalog, inventory, batches, new MarketplacerRateLimiter(persistence.rateWindows)),
      inject: [ManageConnections, CatalogQueries, ReadInventory, StockBatchWriter, PersistenceHandle],
    },
  ],
})
export class MarketplacerModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // JSON:API clients send application/vnd.api+json, which Fastify does not parse by
    // default; parse it as JSON with the same limits and prototype-poisoning checks. They
    // send the header on every request: a DELETE with an empty body has none.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify && !fastify.hasContentTypeParser(JSON_API_MEDIA_TYPE)) {
      const json = fastify.getDefaultJsonParser('error', 'error');
      fastify.addContentTypeParser(JSON_API_MEDIA_TYPE, { parseAs: 'string' }, (request, body, done) => {
        const text = typeof body === 'string' ? body : body.toString('utf8');
        if (text === '' && request.method === 'DELETE') return done(null, undefined);
        return json(request, text, done);
      });
    }
  }
}
