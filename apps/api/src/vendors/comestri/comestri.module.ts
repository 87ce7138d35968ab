import { Module } from '@nestjs/common';
import { StockBatchWriter, CatalogQueries, ManageConnections, PlaceNumberRepository, ReadInventory } from '@tally/inventory-application';
import { ComestriInventoryHandler } from '@tally/vendor-comestri';
import { ComestriInventoriesHttpController } from './comestri-inventories.http.controller';

/** The Comestri dialect: its routes under /comestri/ and its error shape on them. */
@Module({
  controllers: [ComestriInventoriesHttpController],
  providers: [
    {
      provide: ComestriInventoryHandler,
      useFactory: (connections: ManageConnections, apply: StockBatchWriter, read: ReadInventory, catalog: CatalogQueries, numbers: PlaceNumberRepository) =>
        new ComestriInventoryHandler(connections, apply, read, catalog, numbers),
      inject: [ManageConnections, StockBatchWriter, ReadInventory, CatalogQueries, PlaceNumberRepository],
    },
  ],
})
export class ComestriModule {}
